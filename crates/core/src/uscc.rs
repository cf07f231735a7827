//! 统一社会信用代码 (USCC), GB 32100-2015.

use core::fmt;
use core::str::FromStr;

/// The 31 characters of GB 32100-2015, in value order (no I, O, S, V, Z).
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1..=17: 3^(i-1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a text is not a USCC.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    /// Not 18 characters.
    #[error("统一社会信用代码应为 18 位，实为 {0} 位")]
    Length(usize),
    /// A character outside the GB 32100-2015 set.
    #[error("统一社会信用代码第 {position} 位 `{found}` 不是允许的字符（0-9 及除 I、O、S、V、Z 外的大写字母）")]
    Character {
        /// 1-based position.
        position: usize,
        /// The character found.
        found: char,
    },
    /// The check character does not match.
    #[error("统一社会信用代码校验位错误：第 18 位应为 `{expected}`，实为 `{found}`")]
    CheckCharacter {
        /// The computed check character.
        expected: char,
        /// The character found.
        found: char,
    },
}

fn value_of(c: u8) -> Option<u32> {
    CHARSET.iter().position(|&x| x == c).map(|p| p as u32)
}

/// The check character for the first 17 characters, if they are all in the set.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (b, w) in bytes.iter().zip(WEIGHTS) {
        sum += value_of(*b)? * w;
    }
    let c = (31 - sum % 31) % 31;
    CHARSET.get(c as usize).map(|&b| b as char)
}

/// A valid 统一社会信用代码.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uscc([u8; 18]);

impl Uscc {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        // The bytes are a subset of ASCII, checked on construction.
        core::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl FromStr for Uscc {
    type Err = UsccError;
    fn from_str(s: &str) -> Result<Self, UsccError> {
        let n = s.chars().count();
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        for (i, c) in s.chars().enumerate() {
            if !c.is_ascii() || value_of(c as u8).is_none() {
                return Err(UsccError::Character {
                    position: i + 1,
                    found: c,
                });
            }
        }
        let expected = uscc_check_char(&s[..17]).unwrap_or('?');
        let found = s[17..].chars().next().unwrap_or('?');
        if expected != found {
            return Err(UsccError::CheckCharacter { expected, found });
        }
        let mut b = [0u8; 18];
        b.copy_from_slice(s.as_bytes());
        Ok(Uscc(b))
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uscc({})", self.as_str())
    }
}

impl serde::Serialize for Uscc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Uscc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn published_examples() {
        // Published examples: 国家市场监督管理总局's own code and codes of well-known companies.
        for ok in [
            "91110000100006485K", // a widely cited public sample
            "91330106310000006N", // from spec/examples
            "91330110310079199Y",
            "913301103101583809",
            "913301063100791996",
        ] {
            assert!(ok.parse::<Uscc>().is_ok(), "{ok}");
        }
        assert_eq!(
            "91330106310000006M".parse::<Uscc>(),
            Err(UsccError::CheckCharacter {
                expected: 'N',
                found: 'M'
            })
        );
        assert_eq!("9133".parse::<Uscc>(), Err(UsccError::Length(4)));
        assert!(matches!(
            "91330106310000006I".parse::<Uscc>(),
            Err(UsccError::Character { position: 18, .. })
        ));
    }

    fn body() -> impl Strategy<Value = String> {
        proptest::collection::vec(0usize..31, 17)
            .prop_map(|v| v.into_iter().map(|i| CHARSET[i] as char).collect())
    }

    proptest! {
        #[test]
        fn generated_codes_are_valid(b in body()) {
            let c = uscc_check_char(&b).unwrap();
            let code = format!("{b}{c}");
            prop_assert_eq!(code.parse::<Uscc>().map(|u| u.to_string()), Ok(code.clone()));
        }

        #[test]
        fn one_changed_character_is_caught(b in body(), pos in 0usize..18, delta in 1usize..31) {
            let c = uscc_check_char(&b).unwrap();
            let mut bytes: Vec<u8> = format!("{b}{c}").into_bytes();
            let v = value_of(bytes[pos]).unwrap() as usize;
            bytes[pos] = CHARSET[(v + delta) % 31];
            let s = String::from_utf8(bytes).unwrap();
            // Mod-31 weights are all non-zero, so any single substitution changes the sum.
            prop_assert!(s.parse::<Uscc>().is_err());
        }
    }
}
