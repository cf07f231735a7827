//! What a report must never show (exchange v1 part A and B): a full resident ID number (only its
//! first 3 and last 4 characters) and a whistle-blower's contact.
//!
//! Reports never read `Complaint::reporter_contact` at all, and print resident IDs only through
//! `ResidentId::masked`. [`scrub`] is the second line of defence: every text of a report passes
//! through it, and any 18 characters that form a valid resident ID number (check digit and a
//! plausible birth date) are masked, wherever they came from (an id, a certificate number, a
//! finding's evidence).

use std::borrow::Cow;
use zhongjie_core::ResidentId;

/// Masks every valid resident ID number in `s`.
pub fn scrub(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if b.len() < 18 {
        return Cow::Borrowed(s);
    }
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `s` already in `out`
    let mut i = 0;
    while i + 18 <= b.len() {
        match b.get(i..i + 18).and_then(resident_id_at) {
            Some(id) => {
                let o = out.get_or_insert_with(String::new);
                o.push_str(s.get(copied..i).unwrap_or(""));
                o.push_str(&id.masked());
                i += 18;
                copied = i;
            }
            None => i += 1,
        }
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(s.get(copied..).unwrap_or(""));
            Cow::Owned(o)
        }
    }
}

/// The resident ID spelled by these 18 bytes, if they are one and its birth date is plausible.
fn resident_id_at(w: &[u8]) -> Option<ResidentId> {
    let (body, last) = w.split_at(17);
    if !body.iter().all(u8::is_ascii_digit) || !(last[0].is_ascii_digit() || last[0] == b'X') {
        return None;
    }
    let text = core::str::from_utf8(w).ok()?;
    let id: ResidentId = text.parse().ok()?;
    // Birth date YYYYMMDD at positions 7..=14: keeps an all-digit USCC from being masked by chance.
    let year: u32 = text.get(6..10)?.parse().ok()?;
    let month: u32 = text.get(10..12)?.parse().ok()?;
    let day: u32 = text.get(12..14)?.parse().ok()?;
    ((1800..=2199).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_ids_anywhere_and_leaves_other_text() {
        assert_eq!(
            scrub("证书 11010519491231002X 无效"),
            "证书 110***********002X 无效"
        );
        assert_eq!(
            scrub("440524188001010014;11010519491231002X"),
            "440***********0014;110***********002X"
        );
        // Wrong check digit, too short, a USCC with letters: untouched and not copied.
        assert!(matches!(scrub("110105194912310021"), Cow::Borrowed(_)));
        assert!(matches!(scrub("91330100MA27XY1234"), Cow::Borrowed(_)));
        assert!(matches!(scrub("短文本"), Cow::Borrowed(_)));
        // An already masked id stays as it is.
        assert_eq!(scrub("110***********002X"), "110***********002X");
    }
}
