//! Building valid identifiers: ids of the exchange, USCCs (GB 32100-2015, with the GB 11714
//! organisation code inside) and resident ID numbers (GB 11643-1999).

use core::fmt::Write;
use core::str::FromStr;
use zhongjie_core::chrono::{Datelike, NaiveDate};
use zhongjie_core::resident_id::resident_id_check_char;
use zhongjie_core::uscc::uscc_check_char;
use zhongjie_core::{ResidentId, Uscc};

/// Parses a value the generator built from a valid alphabet with its check character.
///
/// Every caller builds `s` from `A-Z 0-9 -` with the right length and check character, so the
/// parse cannot fail; the tests build every scale and pass each dataset through
/// `Dataset::new`, which would catch a mistake.
#[allow(clippy::expect_used)] // see above: built valid by construction
pub(crate) fn valid<T: FromStr>(s: &str) -> T
where
    T::Err: core::fmt::Debug,
{
    s.parse().expect("the generator builds valid values")
}

/// An exchange id `prefix` + zero-padded `n`.
pub(crate) fn id<T: FromStr>(prefix: &str, n: u64, width: usize) -> T
where
    T::Err: core::fmt::Debug,
{
    let mut b = Buf::default();
    let _ = b.write_str(prefix);
    push_padded(&mut b, n, width);
    valid(b.as_str())
}

/// An id `prefix` + zero-padded `a` + `-` + zero-padded `b`.
pub(crate) fn id2<T: FromStr>(prefix: &str, a: u64, wa: usize, b: u64, wb: usize) -> T
where
    T::Err: core::fmt::Debug,
{
    let mut buf = Buf::default();
    let _ = buf.write_str(prefix);
    push_padded(&mut buf, a, wa);
    let _ = buf.write_str("-");
    push_padded(&mut buf, b, wb);
    valid(buf.as_str())
}

fn push_padded(b: &mut Buf, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut v = n;
    let mut k = digits.len();
    while v > 0 && k > 0 {
        k -= 1;
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
    }
    let used = (digits.len() - k).max(width.min(digits.len()));
    let tail = digits.get(digits.len() - used..).unwrap_or(&[]);
    let _ = b.write_str(core::str::from_utf8(tail).unwrap_or(""));
}

/// A short text built on the stack (ids are at most 64 characters; longer text is cut).
struct Buf {
    b: [u8; 64],
    n: usize,
}

impl Default for Buf {
    fn default() -> Buf {
        Buf { b: [0; 64], n: 0 }
    }
}

impl Buf {
    fn as_str(&self) -> &str {
        self.b
            .get(..self.n)
            .and_then(|x| core::str::from_utf8(x).ok())
            .unwrap_or("")
    }
}

impl Write for Buf {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.n + s.len();
        let slot = self.b.get_mut(self.n..end).ok_or(core::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.n = end;
        Ok(())
    }
}

/// Value of an organisation-code character (digits, then A = 10 …).
fn org_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

/// The GB 11714 check character of an 8-character organisation code body.
fn org_check(body: &[u8; 8]) -> u8 {
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.iter().zip(W).map(|(c, w)| org_value(*c) * w).sum();
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        v => b'0' + v as u8,
    }
}

/// Spreads serial numbers over the digit space: `(serial × a + b) mod m` with `a` prime to 10
/// is a bijection modulo a power of ten.
fn scramble(serial: u64, a: u64, b: u64, modulus: u64) -> u64 {
    (serial % modulus * a + b) % modulus
}

/// Which family of organisation codes a USCC belongs to; families never collide.
#[derive(Clone, Copy)]
pub(crate) enum OrgFamily {
    /// New-style codes `MA2…` of recently registered companies (serial < 100,000).
    Recent,
    /// Older 8-digit codes (serial < 100,000,000).
    Digits,
}

/// A USCC of an enterprise (`91`) registered at `region`; distinct serials of one family give
/// distinct codes.
pub(crate) fn uscc(region: u32, family: OrgFamily, serial: u64) -> Uscc {
    let mut body = [b'0'; 8];
    match family {
        OrgFamily::Recent => {
            let v = scramble(serial, 7_919, 27_183, 100_000);
            body[..3].copy_from_slice(b"MA2");
            let digits = format!("{v:05}");
            body[3..].copy_from_slice(&digits.as_bytes()[..5]);
        }
        OrgFamily::Digits => {
            let v = scramble(serial, 48_271, 31_415_927, 100_000_000);
            let digits = format!("{v:08}");
            body.copy_from_slice(&digits.as_bytes()[..8]);
        }
    }
    let mut s = String::with_capacity(18);
    let _ = write!(s, "91{region:06}");
    for b in body {
        s.push(b as char);
    }
    s.push(org_check(&body) as char);
    if let Some(c) = uscc_check_char(&s) {
        s.push(c);
    }
    valid(&s)
}

/// A resident ID: birth place, birth date, sequence (odd for men, even for women), check.
pub(crate) fn resident_id(region: u32, birth: NaiveDate, seq: u32, male: bool) -> ResidentId {
    let seq = (seq % 500) * 2 + u32::from(male);
    let mut s = String::with_capacity(18);
    let _ = write!(
        s,
        "{region:06}{:04}{:02}{:02}{seq:03}",
        birth.year(),
        birth.month(),
        birth.day()
    );
    if let Some(c) = resident_id_check_char(&s) {
        s.push(c);
    }
    valid(&s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_zero_padded() {
        let a: zhongjie_core::ProjectId = id("J", 42, 7);
        assert_eq!(a.as_str(), "J0000042");
        let b: zhongjie_core::ProjectId = id("J", 123_456_789, 7);
        assert_eq!(b.as_str(), "J123456789");
        let c: zhongjie_core::ProjectId = id("A0001-", 0, 2);
        assert_eq!(c.as_str(), "A0001-00");
        let d: zhongjie_core::ProjectId = id2("J", 12, 4, 7, 4);
        assert_eq!(d.as_str(), "J0012-0007");
    }

    #[test]
    fn organisation_code_check_matches_a_published_code() {
        // 国家市场监督管理总局's public example organisation code 10000648-5 (from 91110000100006485K).
        assert_eq!(org_check(b"10000648"), b'5');
    }

    #[test]
    fn usccs_are_valid_distinct_and_carry_the_region() {
        let mut seen = HashSet::new();
        for serial in 0..5000 {
            for fam in [OrgFamily::Recent, OrgFamily::Digits] {
                let u = uscc(330106, fam, serial);
                assert_eq!(&u.as_str()[2..8], "330106");
                assert!(seen.insert(u), "{u}");
            }
        }
    }

    #[test]
    fn resident_ids_are_valid_and_carry_birth_and_sex() {
        let birth = NaiveDate::from_ymd_opt(1984, 2, 29).unwrap();
        let id = resident_id(330106, birth, 17, true);
        let s = id.expose();
        assert_eq!(&s[..14], "33010619840229");
        assert_eq!((s.as_bytes()[16] - b'0') % 2, 1);
        let f = resident_id(330106, birth, 17, false);
        assert_eq!((f.expose().as_bytes()[16] - b'0') % 2, 0);
    }
}
