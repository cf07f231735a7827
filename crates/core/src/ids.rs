//! Identifiers: `1..=64` characters of `A-Z a-z 0-9 . _ -` (exchange v1, part A).

use compact_str::CompactString;
use core::fmt;
use core::str::FromStr;

/// Why a text is not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Empty or longer than 64 characters.
    #[error("编号长度应为 1 到 64 个字符，实为 {0} 个")]
    Length(usize),
    /// A character outside `A-Z a-z 0-9 . _ -`.
    #[error("编号含有不允许的字符 `{0}`，只允许 A-Z a-z 0-9 . _ -")]
    Character(char),
}

/// Checks the id grammar of part A.
pub fn check_id(s: &str) -> Result<(), IdError> {
    // The common case, all allowed ASCII, on bytes (millions of ids per file); the slow path
    // below counts characters and names the first one refused.
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    if (1..=64).contains(&s.len()) && s.as_bytes().iter().all(allowed) {
        return Ok(());
    }
    let n = s.chars().count();
    if n == 0 || n > 64 {
        return Err(IdError::Length(n));
    }
    match s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        Some(c) => Err(IdError::Character(c)),
        None => Ok(()),
    }
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(transparent)]
        pub struct $name(CompactString);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                check_id(s)?;
                Ok($name(CompactString::from(s)))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;
            fn try_from(s: &str) -> Result<Self, IdError> {
                s.parse()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl core::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use id_type;

id_type!(
    /// `agency_id`.
    AgencyId
);
id_type!(
    /// `practitioner_id`.
    PractitionerId
);
id_type!(
    /// `project_id`.
    ProjectId
);
id_type!(
    /// `record_id` of an attendance record.
    RecordId
);
id_type!(
    /// `complaint_id`.
    ComplaintId
);
id_type!(
    /// `event_id` of a client event.
    EventId
);
id_type!(
    /// `sanction_id`.
    SanctionId
);
id_type!(
    /// `exam_id`.
    ExamId
);
id_type!(
    /// `inspection_id`.
    InspectionId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_grammar() {
        assert!("K10".parse::<AgencyId>().is_ok());
        assert!("a.b_c-D9".parse::<ProjectId>().is_ok());
        assert_eq!("".parse::<AgencyId>(), Err(IdError::Length(0)));
        assert_eq!("a b".parse::<AgencyId>(), Err(IdError::Character(' ')));
        assert_eq!("机构".parse::<AgencyId>(), Err(IdError::Character('机')));
        assert!("x".repeat(64).parse::<AgencyId>().is_ok());
        assert_eq!("x".repeat(65).parse::<AgencyId>(), Err(IdError::Length(65)));
    }

    #[test]
    fn ids_sort_by_code_point() {
        let mut v: Vec<AgencyId> = ["K9", "K10", "a", "B"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        v.sort();
        let s: Vec<&str> = v.iter().map(|i| i.as_str()).collect();
        assert_eq!(s, ["B", "K10", "K9", "a"]);
    }
}
