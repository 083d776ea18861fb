//! Attempt files: exported, read back and replayed to the same score; changed, truncated,
//! made for another pack or not following from it, each reported; imported for a trainer.

use flightdeck_core::practice::file::{self, grade, parse_attempt, read_attempt};
use flightdeck_core::{Error, Store, bundled};

use crate::practice::play_diligently;

fn refused(result: Result<impl std::fmt::Debug, Error>, says: &str) {
    match result {
        Err(e) => assert!(e.to_string().contains(says), "{e}"),
        Ok(v) => panic!("expected a refusal saying {says:?}, got {v:?}"),
    }
}

#[test]
fn replaying_an_exported_attempt_gives_the_live_score_on_every_bundled_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    for pack in bundled::packs().expect("packs") {
        let (s, id) = play_diligently(&pack);
        let live = s.debrief(id).expect("debrief").scored;
        let path = dir.path().join(format!("{}.fdattempt", pack.program.id));
        s.export_attempt(id, &path).expect("export");
        let graded = grade(&pack, std::slice::from_ref(&path)).expect("grade");
        assert_eq!(graded[0].problem, None, "{}", pack.program.id);
        assert_eq!(
            graded[0].scored.as_ref(),
            Some(&live),
            "{}: replay equals live",
            pack.program.id
        );
        assert_eq!(graded[0].learner.as_deref(), Some("Ana Ruiz"));

        // a trainer imports it and sees the same debrief, on a finished attempt
        let mut trainer = Store::open_in_memory().expect("open");
        trainer.import(&pack).expect("the pack");
        let imported = trainer.import_attempt(&path).expect("import the attempt");
        let debrief = trainer.debrief(imported).expect("debrief");
        assert!(debrief.attempt.finished());
        assert_eq!(debrief.scored, live);
    }
}

#[test]
fn a_changed_truncated_or_foreign_attempt_file_is_reported() {
    let packs = bundled::packs().expect("packs");
    let (s, id) = play_diligently(&packs[0]);
    let text = serde_json::to_string_pretty(&s.attempt_file(id).expect("file")).expect("json");
    parse_attempt(&text).expect("the file as exported reads");

    refused(
        parse_attempt(&text.replace("Ana Ruiz", "Ana Ruiz-Smith")),
        "changed after it was exported",
    );
    refused(
        parse_attempt(&text[..text.len() / 2]),
        "not a readable attempt file (line",
    );
    refused(
        parse_attempt(&text.replace(file::ATTEMPT_FORMAT, "flightdeck-attempt/9")),
        "its format is `flightdeck-attempt/9`",
    );

    // made on another pack
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.fdattempt");
    s.export_attempt(id, &path).expect("export");
    let graded = grade(&packs[1], std::slice::from_ref(&path)).expect("grade");
    let problem = graded[0].problem.as_deref().expect("a problem");
    assert!(problem.contains("made on another pack"), "{problem}");

    // a record edited by hand, its hash made to match: the replay finds where it breaks off
    let mut forged = read_attempt(&path).expect("read");
    let action = forged
        .record
        .actions
        .iter_mut()
        .find(|a| a.changes.iter().any(|c| c.before.is_some()))
        .expect("an action that changed an item");
    let change = action
        .changes
        .iter_mut()
        .find(|c| c.before.is_some())
        .expect("a change");
    change.before = Some(serde_json::json!({ "id": "forged" }));
    let json = serde_json::to_vec(&forged.record).expect("json");
    forged.content_sha256 = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(json))
    };
    std::fs::write(&path, serde_json::to_vec(&forged).expect("json")).expect("write");
    let graded = grade(&packs[0], &[path]).expect("grade");
    let problem = graded[0].problem.as_deref().expect("a problem");
    assert!(
        problem.contains("does not follow from the pack at action")
            && problem.contains("is not as the record says"),
        "{problem}"
    );
}
