//! GEDCOM ages at events ("<8y", "99y 11m 30d", "CHILD"), checked for form.
//!
//! GEDCOM 5.5.1 writes the bound against the number (`<8y`) and allows the words CHILD,
//! INFANT and STILLBORN; GEDCOM 7 puts a space after the bound (`< 8y`), adds weeks, and
//! moves the words to a phrase.

use super::tree::Version;

/// True when `value` is an age as the version writes it.
pub fn valid(value: &str, version: Version) -> bool {
    let rest = match version {
        Version::V5 => value.strip_prefix(['<', '>']).unwrap_or(value),
        Version::V7 => match value.strip_prefix(['<', '>']) {
            Some(rest) => match rest.strip_prefix(' ') {
                Some(rest) => rest,
                None => return false,
            },
            None => value,
        },
    };
    if version == Version::V5
        && matches!(
            rest.to_ascii_uppercase().as_str(),
            "CHILD" | "INFANT" | "STILLBORN"
        )
    {
        return true;
    }
    let units: &[char] = match version {
        Version::V5 => &['y', 'm', 'd'],
        Version::V7 => &['y', 'm', 'w', 'd'],
    };
    let mut next_unit = 0;
    let parts: Vec<&str> = rest.split(' ').collect();
    if parts.is_empty() || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    for part in parts {
        let digits = part.bytes().take_while(u8::is_ascii_digit).count();
        let unit = &part[digits..];
        let mut chars = unit.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return false;
        };
        let c = match version {
            Version::V5 => c.to_ascii_lowercase(),
            Version::V7 => c,
        };
        if digits == 0 {
            return false;
        }
        match units[next_unit..].iter().position(|u| *u == c) {
            Some(offset) => next_unit += offset + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gedcom_5_ages() {
        for ok in [
            "0y",
            "<0Y",
            ">99y 11m",
            "99y 11m 30d",
            "11m 30d",
            "CHILD",
            "Stillborn",
        ] {
            assert!(valid(ok, Version::V5), "{ok}");
        }
        for bad in ["0", "<8", "< 0y", "0 y", "99y11m", "11m 99y", "30d 11m", ""] {
            assert!(!valid(bad, Version::V5), "{bad}");
        }
    }

    #[test]
    fn gedcom_7_ages() {
        for ok in ["0y", "< 8y", "> 99y 11m 30d", "2w", "1y 2w 3d"] {
            assert!(valid(ok, Version::V7), "{ok}");
        }
        for bad in ["<8y", "CHILD", "8Y", "1d 1y"] {
            assert!(!valid(bad, Version::V7), "{bad}");
        }
    }
}
