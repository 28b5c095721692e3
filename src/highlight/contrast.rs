//! Keep syntect's palettes readable on the theme's code backgrounds (WCAG AA, 4.5:1).
//!
//! InspiredGitHub's comments (`#969896`) and base16-ocean's (`#65737e`) are too faint on
//! `--code-bg` and on a marked line's background; each colour is moved toward black (light
//! palette) or white (dark palette) just far enough, so the hues stay recognisable.

/// The light theme's code backgrounds: `--code-bg` and `--code-marked-bg` in style.css.
pub const LIGHT_BACKGROUNDS: &[[u8; 3]] = &[[0xf6, 0xf8, 0xfa], [0xff, 0xf8, 0xc5]];
/// The dark theme's code backgrounds: `--code-bg` and `--code-marked-bg` in style.css.
pub const DARK_BACKGROUNDS: &[[u8; 3]] = &[[0x15, 0x1b, 0x23], [0x22, 0x2a, 0x36]];

/// A little above 4.5: axe rounds, and browsers blend colours slightly differently.
const TARGET: f64 = 4.7;

/// `css` with every `color: #rrggbb` readable on all of `backgrounds`.
pub fn readable(css: &str, backgrounds: &[[u8; 3]], toward_white: bool) -> String {
    let mut out = String::with_capacity(css.len());
    for line in css.split_inclusive('\n') {
        let fixed = line
            .trim_start()
            .strip_prefix("color: #")
            .and_then(|rest| parse_hex(rest.get(..6)?))
            .map(|rgb| adjust(rgb, backgrounds, toward_white));
        match fixed {
            Some([r, g, b]) => {
                let indent = &line[..line.len() - line.trim_start().len()];
                let end = if line.ends_with('\n') { "\n" } else { "" };
                out.push_str(&format!("{indent}color: #{r:02x}{g:02x}{b:02x};{end}"));
            }
            None => out.push_str(line),
        }
    }
    out
}

fn parse_hex(hex: &str) -> Option<[u8; 3]> {
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn adjust(rgb: [u8; 3], backgrounds: &[[u8; 3]], toward_white: bool) -> [u8; 3] {
    let goal = if toward_white { 255.0 } else { 0.0 };
    let mut color = rgb;
    for step in 0..=20 {
        let worst = backgrounds
            .iter()
            .map(|bg| ratio(color, *bg))
            .fold(f64::INFINITY, f64::min);
        if worst >= TARGET {
            break;
        }
        let t = f64::from(step + 1) / 20.0;
        color = rgb.map(|c| {
            let c = f64::from(c);
            // In 0..=255 by construction: a mix of two values in that range.
            (c + (goal - c) * t).round().clamp(0.0, 255.0) as u8
        });
    }
    color
}

fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

fn ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faint_colours_are_darkened_and_good_ones_kept() {
        let css = ".hl-comment {\n color: #969896;\n}\n.hl-x {\n color: #323232;\n}\n";
        let out = readable(css, LIGHT_BACKGROUNDS, false);
        assert!(out.contains("color: #323232;"), "{out}");
        assert!(!out.contains("#969896"), "{out}");
        for line in out.lines().filter(|l| l.contains("color: #")) {
            let rgb = parse_hex(&line.trim()[8..14]).expect("hex");
            for bg in LIGHT_BACKGROUNDS {
                assert!(ratio(rgb, *bg) >= 4.5, "{line}");
            }
        }
        let dark = readable(" color: #65737e;\n", DARK_BACKGROUNDS, true);
        let rgb = parse_hex(&dark.trim()[8..14]).expect("hex");
        assert!(
            DARK_BACKGROUNDS.iter().all(|bg| ratio(rgb, *bg) >= 4.5),
            "{dark}"
        );
    }
}
