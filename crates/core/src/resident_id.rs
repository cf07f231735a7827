//! 居民身份证号, GB 11643-1999. Personal information: Display and Debug mask it.

use core::fmt;
use core::str::FromStr;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// Why a text is not a resident ID number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResidentIdError {
    /// Not 18 characters.
    #[error("居民身份证号应为 18 位，实为 {0} 位")]
    Length(usize),
    /// A non-digit in the first 17 positions, or a last character that is neither a digit nor `X`.
    #[error("居民身份证号第 {0} 位不是数字（最后一位可为 X）")]
    Character(usize),
    /// The check digit does not match (the value itself is never repeated in the message).
    #[error("居民身份证号校验位错误")]
    CheckDigit,
}

/// The check character for 17 digits.
pub fn resident_id_check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = b
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK.get((sum % 11) as usize).map(|&c| c as char)
}

/// A valid resident ID number. `Display` and `Debug` show only the first 3 and last 4 characters;
/// [`ResidentId::expose`] gives the full value for matching and for the exchange files.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResidentId([u8; 18]);

impl ResidentId {
    /// The full number. Only for matching and for writing exchange files, never for public output.
    pub fn expose(&self) -> &str {
        core::str::from_utf8(&self.0).unwrap_or("")
    }

    /// The masked form: first 3 and last 4 characters, 11 `*` between.
    pub fn masked(&self) -> String {
        let s = self.expose();
        format!("{}***********{}", &s[..3], &s[14..])
    }
}

impl FromStr for ResidentId {
    type Err = ResidentIdError;
    fn from_str(s: &str) -> Result<Self, ResidentIdError> {
        let n = s.chars().count();
        if n != 18 {
            return Err(ResidentIdError::Length(n));
        }
        for (i, c) in s.chars().enumerate() {
            let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
            if !ok {
                return Err(ResidentIdError::Character(i + 1));
            }
        }
        if resident_id_check_char(&s[..17]) != s[17..].chars().next() {
            return Err(ResidentIdError::CheckDigit);
        }
        let mut b = [0u8; 18];
        b.copy_from_slice(s.as_bytes());
        Ok(ResidentId(b))
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn published_examples() {
        // The two examples printed in GB 11643-1999 itself.
        assert!("11010519491231002X".parse::<ResidentId>().is_ok());
        assert!("440524188001010014".parse::<ResidentId>().is_ok());
        assert_eq!(
            "110105194912310021".parse::<ResidentId>(),
            Err(ResidentIdError::CheckDigit)
        );
        assert_eq!(
            "11010519491231002x".parse::<ResidentId>(),
            Err(ResidentIdError::Character(18))
        );
        assert_eq!(
            "1101051949".parse::<ResidentId>(),
            Err(ResidentIdError::Length(10))
        );
    }

    #[test]
    fn display_and_debug_mask() {
        let id: ResidentId = "11010519491231002X".parse().unwrap();
        assert_eq!(id.to_string(), "110***********002X");
        assert_eq!(format!("{id:?}"), "ResidentId(110***********002X)");
        assert!(!format!("{id} {id:?}").contains("19491231"));
        assert_eq!(id.expose(), "11010519491231002X");
    }

    fn body() -> impl Strategy<Value = String> {
        "[0-9]{17}"
    }

    proptest! {
        #[test]
        fn generated_ids_are_valid(b in body()) {
            let c = resident_id_check_char(&b).unwrap();
            let s = format!("{b}{c}");
            let id: ResidentId = s.parse().unwrap();
            prop_assert_eq!(id.expose(), s.as_str());
            prop_assert_eq!(id.to_string().chars().count(), 18);
        }

        #[test]
        fn one_changed_digit_is_caught(b in body(), pos in 0usize..17, delta in 1u8..10) {
            let c = resident_id_check_char(&b).unwrap();
            let mut bytes = format!("{b}{c}").into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let s = String::from_utf8(bytes).unwrap();
            // Every weight is non-zero mod 11, so a single changed digit changes the sum.
            prop_assert_eq!(s.parse::<ResidentId>(), Err(ResidentIdError::CheckDigit));
        }
    }
}
