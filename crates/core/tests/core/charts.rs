//! Charts: PNGs decode at the asked size and are not blank; SVGs parse and hold their labels.

use flightdeck_core::bundled;
use flightdeck_core::chart::{self, GanttInput, Size};

use crate::builders::minimal_pack;

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    (info.width, info.height, buf)
}

fn distinct_colours(pixels: &[u8]) -> usize {
    let set: std::collections::HashSet<&[u8]> = pixels.chunks(3).collect();
    set.len()
}

#[test]
fn the_gantt_of_every_bundled_program_draws() {
    for pack in bundled::packs().expect("packs") {
        let input = GanttInput::from_pack(&pack);
        let png =
            chart::png(&chart::gantt(&input), Size::new(1200, 700).expect("size")).expect("png");
        let (w, h, pixels) = decode(&png);
        assert_eq!((w, h), (1200, 700));
        assert!(
            distinct_colours(&pixels) > 20,
            "a drawn chart has many colours, not a blank page"
        );
        let svg =
            chart::svg(&chart::gantt(&input), Size::new(1200, 700).expect("size")).expect("svg");
        assert!(
            svg.contains(&pack.milestones[0].id),
            "the first milestone is labelled"
        );
        assert!(!svg.contains("<script"));
    }
}

#[test]
fn an_empty_roadmap_says_no_data() {
    let input = GanttInput::from_pack(&minimal_pack());
    let svg = chart::svg(&chart::gantt(&input), Size::new(600, 300).expect("size")).expect("svg");
    assert!(svg.contains("No data"), "{svg}");
}

#[test]
fn user_text_is_escaped_in_svg() {
    let mut pack = bundled::packs().expect("packs").remove(0);
    pack.milestones[0].title = "<script>alert(1)</script> & \u{1} \"q\"".into();
    let input = GanttInput::from_pack(&pack);
    let svg = chart::svg(&chart::gantt(&input), Size::new(1600, 900).expect("size")).expect("svg");
    assert!(!svg.contains("<script>"), "markup in user text is escaped");
    assert!(svg.contains("&lt;script&gt;"), "and still shown");
    assert!(!svg.contains('\u{1}'), "control characters are dropped");
}

#[test]
fn sizes_outside_the_limits_are_refused() {
    assert_eq!(Size::new(0, 100).expect_err("zero").kind(), "limit");
    assert!(Size::new(20_000, 100).is_err());
}
