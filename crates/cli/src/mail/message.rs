//! The reminder e-mail as an RFC 5322 message, built by lettre: the UTF-8 subject as RFC 2047
//! encoded words, a base64 `text/plain; charset=utf-8` body (7-bit clean, so no SMTP
//! extension is needed), and a Message-ID made of the reminder, so that a copy sent twice is
//! recognisably the same.

use std::time::SystemTime;

use lettre::Address;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, Message, SinglePart};

/// What an e-mail says and to whom.
pub struct Mail<'a> {
    pub from: &'a Address,
    pub to: &'a [Address],
    pub subject: &'a str,
    pub body: &'a str,
    /// e.g. `<plan-reminder-12@cchc>`.
    pub message_id: &'a str,
    pub date: SystemTime,
}

/// The message; its envelope is its `From` and `To`.
pub fn build(mail: &Mail<'_>) -> Result<Message, lettre::error::Error> {
    let mut builder = Message::builder()
        .from(Mailbox::new(None, mail.from.clone()))
        .subject(mail.subject)
        .date(mail.date)
        .message_id(Some(mail.message_id.to_owned()));
    for to in mail.to {
        builder = builder.to(Mailbox::new(None, to.clone()));
    }
    let body = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .header(ContentTransferEncoding::Base64)
        .body(mail.body.to_owned());
    builder.singlepart(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    /// The addresses of a parsed `From` or `To`.
    fn addresses(a: Option<&mail_parser::Address<'_>>) -> Vec<String> {
        a.unwrap()
            .iter()
            .filter_map(|x| x.address())
            .map(str::to_owned)
            .collect()
    }

    const SUBJECT: &str = "[cchc] Đôn đốc nhiệm vụ KH204-2023/NV/2.a: còn 3 ngày làm việc đến \
                           hạn, kế hoạch cải cách hành chính";
    const BODY: &str = "Nhiệm vụ sắp đến hạn.\n.dòng bắt đầu bằng dấu chấm\n\nThư tự động.\n";

    #[test]
    fn a_vietnamese_reminder_is_seven_bit_and_reads_back_unchanged() {
        let message = build(&Mail {
            from: &"cchc@hungyen.gov.vn".parse().unwrap(),
            to: &[
                "snv@hungyen.gov.vn".parse().unwrap(),
                "vpub@hungyen.gov.vn".parse().unwrap(),
            ],
            subject: SUBJECT,
            body: BODY,
            message_id: "<plan-reminder-12@cchc>",
            date: SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_703_140_000),
        })
        .unwrap();
        let raw = message.formatted();
        let text = String::from_utf8(raw.clone()).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(text.lines().all(|l| l.len() <= 78), "{text}");
        for header in [
            "MIME-Version: 1.0\r\n",
            "Content-Type: text/plain; charset=utf-8\r\n",
            "Content-Transfer-Encoding: base64\r\n",
        ] {
            assert!(text.contains(header), "{header}: {text}");
        }
        let parsed = MessageParser::default().parse(&raw).unwrap();
        assert_eq!(parsed.subject(), Some(SUBJECT));
        assert_eq!(parsed.message_id(), Some("plan-reminder-12@cchc"));
        assert_eq!(
            parsed.body_text(0).unwrap().replace("\r\n", "\n"),
            BODY,
            "line ends are CRLF on the wire, the text is unchanged"
        );
        assert_eq!(addresses(parsed.from()), ["cchc@hungyen.gov.vn"]);
        assert_eq!(
            addresses(parsed.to()),
            ["snv@hungyen.gov.vn", "vpub@hungyen.gov.vn"]
        );
        assert_eq!(parsed.date().unwrap().to_timestamp(), 1_703_140_000);
        assert_eq!(
            message.envelope().to().len(),
            2,
            "the envelope is From and To"
        );
    }
}
