//! Submission and return channels (DVCQG `KenhThucHien`, docs/DOMAIN.md § Channels).

use std::fmt;

use serde::{Deserialize, Serialize};

/// How a dossier reached the one-stop unit, or how its result goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 1 — trực tiếp, at the Bộ phận Một cửa.
    Direct,
    /// 2 — trực tuyến (on the DVCQG since 01/7/2025).
    Online,
    /// 3 — bưu chính công ích.
    Postal,
}

impl Channel {
    /// Every channel, in code order.
    pub const ALL: [Channel; 3] = [Channel::Direct, Channel::Online, Channel::Postal];

    /// The DVCQG `KenhThucHien` code.
    #[must_use]
    pub const fn code(self) -> u8 {
        match self {
            Channel::Direct => 1,
            Channel::Online => 2,
            Channel::Postal => 3,
        }
    }

    /// The channel of a DVCQG code; `None` for an unknown code.
    #[must_use]
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The channel of a possibly missing code: a null channel counts as direct (QĐ 766).
    #[must_use]
    pub fn from_nullable_code(code: Option<u8>) -> Option<Self> {
        code.map_or(Some(Channel::Direct), Self::from_code)
    }

    /// The stable identifier.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Direct => "direct",
            Channel::Online => "online",
            Channel::Postal => "postal",
        }
    }

    /// The Vietnamese label.
    #[must_use]
    pub const fn label_vi(self) -> &'static str {
        match self {
            Channel::Direct => "trực tiếp",
            Channel::Online => "trực tuyến",
            Channel::Postal => "bưu chính công ích",
        }
    }
}

crate::from_str_by_name!(Channel, "kênh");

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Channel;

    #[test]
    fn codes_round_trip_and_null_counts_as_direct() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
        assert_eq!(Channel::from_code(4), None);
        assert_eq!(Channel::from_nullable_code(None), Some(Channel::Direct));
        assert_eq!(Channel::from_nullable_code(Some(2)), Some(Channel::Online));
    }

    #[test]
    fn names_round_trip() {
        for c in Channel::ALL {
            assert_eq!(c.as_str().parse::<Channel>(), Ok(c));
        }
        let err = "fax".parse::<Channel>().unwrap_err();
        assert_eq!(err.to_string(), "kênh không hợp lệ: 'fax'");
    }
}
