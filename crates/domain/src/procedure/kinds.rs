//! Closed code lists of the procedure record: competent level and unit kind, online level,
//! result type and fee kind. Each has a stable identifier and accepts Vietnamese aliases
//! (with or without diacritics) when parsed.

use serde::{Deserialize, Serialize};

use super::time::id_key;

/// Defines a closed list with identifiers, Vietnamese labels and parse aliases.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident, $what:literal {
        $($(#[$vmeta:meta])* $variant:ident = $id:literal, $label:literal, [$($alias:literal),*];)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable identifier used in the data files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            /// Vietnamese label.
            pub fn label_vi(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses an identifier, the Vietnamese label or an alias, diacritics optional.
            pub fn parse(s: &str) -> Result<Self, String> {
                let key = id_key(s);
                $(
                    if key == $id || key == id_key($label) $(|| key == id_key($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                let ids: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                Err(format!("unknown {} '{s}'; expected one of {}", $what, ids.join(", ")))
            }
        }
    };
}

code_list! {
    /// Competent level (cấp thực hiện). `district` only for versions before 01/7/2025.
    CompetentLevel, "competent level" {
        Province = "province", "cấp tỉnh", ["tinh"];
        District = "district", "cấp huyện", ["huyen"];
        Commune = "commune", "cấp xã", ["xa"];
    }
}

code_list! {
    /// The kind of body that decides the procedure (cơ quan có thẩm quyền quyết định).
    UnitKind, "competent unit kind" {
        /// UBND / Chủ tịch UBND tỉnh.
        ProvincialCommittee = "ubnd_tinh", "Ủy ban nhân dân cấp tỉnh", ["chu tich ubnd tinh"];
        /// Sở, ban, ngành of the province.
        Department = "so_ban_nganh", "sở, ban, ngành", ["so"];
        /// UBND / Chủ tịch UBND huyện (until 30/6/2025).
        DistrictCommittee = "ubnd_huyen", "Ủy ban nhân dân cấp huyện", [];
        /// UBND / Chủ tịch UBND xã, phường, đặc khu.
        CommuneCommittee = "ubnd_xa", "Ủy ban nhân dân cấp xã", ["chu tich ubnd xa"];
        /// An agency of a ministry in the province (ngành dọc: công an, thuế, BHXH…).
        VerticalAgency = "nganh_doc", "cơ quan ngành dọc", [];
    }
}

code_list! {
    /// Online level of the public service (NĐ 42/2022/NĐ-CP Điều 11; docs/DOMAIN.md § Procedures).
    OnlineLevel, "online level" {
        /// Toàn trình.
        Full = "full", "toàn trình", ["muc do 4"];
        /// Một phần.
        Partial = "partial", "một phần", [];
        /// Not offered online.
        None = "none", "không trực tuyến", ["khong"];
    }
}

code_list! {
    /// The form of the result handed to the applicant.
    ResultType, "result type" {
        Paper = "paper", "bản giấy", ["giay"];
        Electronic = "electronic", "bản điện tử", ["dien tu"];
        /// Paper with its electronic copy synced (QĐ 766 indicator 4.1).
        Both = "both", "bản giấy và bản điện tử", ["ca hai"];
    }
}

code_list! {
    /// Phí (a fee for a service) or lệ phí (a charge for a state act).
    FeeKind, "fee kind" {
        Fee = "phi", "phí", [];
        Charge = "le_phi", "lệ phí", [];
    }
}
