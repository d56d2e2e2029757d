//! Small layouts, one per rule, parsed end to end: each names the pattern it pins (see
//! `../shared/PATTERNS.md`) and was found missing in a real document of the corpus. The fixtures
//! cover whole documents; these keep each rule's edge visible on its own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use council_minutes::{parse_str, Document, Item, Options};

fn parse(text: &str) -> Document {
    parse_str(text, &Options::default()).expect("parses")
}

fn items(doc: &Document) -> Vec<&Item> {
    doc.meetings.iter().flat_map(|m| &m.items).collect()
}

/// Each item's resolution texts, in order.
fn resolution_texts(doc: &Document) -> Vec<Vec<String>> {
    items(doc)
        .iter()
        .map(|i| i.resolutions.iter().map(|p| p.text.clone()).collect())
        .collect()
}

fn parts(item: &Item) -> Vec<(Option<String>, String)> {
    item.resolutions
        .iter()
        .map(|p| {
            (
                p.label.clone(),
                p.text
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect()
}

#[test]
fn a_motion_lead_in_on_the_heading_line_opens_a_lettered_list() {
    let doc = parse(
        "MINUTES OF THE BOARD MEETING\nMarch 7, 2014\n\n\
         5.2.34   On motion of Mr. Guillot, seconded by Mr. Lee, the Board:\n\n\
         \x20        a. approved the Change Order for the construction contract with C.D.W.\n\
         \x20           Services, L.L.C., for the mothballing of the school\n\n\
         \x20        b. directed the RSD to submit the approved Change Order.\n\n\
         5.2.35   Other business\n",
    );
    let its = items(&doc);
    assert_eq!(its.len(), 2);
    assert_eq!(its[0].number.as_deref(), Some("5.2.34"));
    assert_eq!(its[0].title, None, "a motion record is not a title");
    assert_eq!(
        parts(its[0]),
        [
            (Some("a".into()), "approved the Change Order".into()),
            (Some("b".into()), "directed the RSD to".into()),
        ]
    );
    // `C.D.W.` at a line end does not end the sentence
    assert!(its[0].resolutions[0]
        .text
        .contains("C.D.W. Services, L.L.C."));
}

#[test]
fn a_run_in_heading_gives_the_title_and_opens_the_body() {
    let doc = parse(
        "MINUTES OF THE PARISH COUNCIL MEETING HELD ON 5th May 2021\n\n\
         05.21.01   Apologies\n           None\n\n\
         05.21.02   Finance - The following accounts were approved for payment:\n\n\
         05.21.03   Planning - Application 21/01234 Land at Smith Farm\n           No objection.\n",
    );
    let its = items(&doc);
    let titles: Vec<Option<&str>> = its.iter().map(|i| i.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("Apologies"),
            Some("Finance"),
            Some("Planning - Application 21/01234 Land at Smith Farm")
        ]
    );
    assert_eq!(
        parts(its[1]),
        [(None, "The following accounts were".into())]
    );
}

#[test]
fn table_rows_keep_their_subject_and_title_like_headings_are_dropped() {
    let doc = parse(
        "MINUTES OF THE PARISH COUNCIL MEETING HELD ON 7th March 2017\n\n\
         17.03.9 Policy Reviews\n\
         The following policies were reviewed:-\n\
         Financial Regulations -                               Resolved to Sign\n\
         Complaints Policy -                                   Resolved to Sign\n\n\
         17.03.10 Finance\n\
         \x20     Internal Audit - All Councillors agreed that Mrs Evans be\n\
         asked to complete the internal audit\n\n\
         Presented for payment was CALC Subscription - £96.11 Resolved to pay\n",
    );
    let its = items(&doc);
    assert_eq!(
        parts(its[0]),
        [
            (None, "Financial Regulations - Resolved".into()),
            (None, "Complaints Policy - Resolved".into()),
        ]
    );
    assert_eq!(
        parts(its[1]),
        [
            (None, "that Mrs Evans be".into()),
            (None, "Presented for payment was".into()),
        ]
    );
}

#[test]
fn a_motion_block_lists_every_way_of_voting() {
    let doc = parse(
        "CITY OF EAST PALO ALTO\nPLANNING COMMISSION MINUTES\nJanuary 27, 2020\n\n\
         1.    CALL TO ORDER AND ROLL CALL\n\n      The meeting was called to order at 7:07 p.m.\n\n\
         2.    APPROVAL OF THE AGENDA\n\n\
         \x20     RESULT:         APPROVED [UNANIMOUS]\n\
         \x20     MOTION BY:      Mashack\n\
         \x20     SECOND:         Brown\n\
         \x20     AYES:           Mashack, Brown, Allen Fisk, Bello, Garcia, Mendez, Sherrard\n\
         \x20     ABSENT:         Hernandez\n\n\
         3.    PUBLIC COMMENT\n\n      None.\n",
    );
    let its = items(&doc);
    let v: Vec<_> = its[1]
        .votes
        .iter()
        .map(|v| (v.for_, v.against, v.abstain, v.result))
        .collect();
    assert_eq!(
        v,
        [(
            Some(7),
            Some(0),
            Some(0),
            Some(council_minutes::VoteResult::Carried)
        )]
    );
}

#[test]
fn the_body_as_lead_in_opens_a_decision_list() {
    let doc = parse(
        "Issue - meetings\n\nBudget\n\nMeeting: 02/03/2023 - Council (Item 9)\n\n9 Budget\n\nMinutes:\n\n\
         The Cabinet then:-\n\n1. Approved the budget for 2023/24.\n2. Noted the risks.\n\n\
         Members of the Committee:\n\n1. Councillor Smith\n2. Councillor Jones\n",
    );
    let its = items(&doc);
    let decision: Vec<(Option<String>, String)> = its[0]
        .decision
        .iter()
        .map(|p| (p.label.clone(), p.text.clone()))
        .collect();
    assert_eq!(
        decision,
        [
            (Some("1".into()), "Approved the budget for 2023/24.".into()),
            (Some("2".into()), "Noted the risks.".into()),
        ]
    );
}

fn labelled(parts: &[council_minutes::Part]) -> Vec<(Option<String>, String)> {
    parts
        .iter()
        .map(|p| (p.label.clone(), p.text.clone()))
        .collect()
}

/// PATTERNS.md 5: `(Non-key decision):` opens a decision block, as `Decision:` does.
#[test]
fn a_key_decision_label_opens_a_decision_block() {
    let doc = parse(
        "Minutes of a meeting of the Cabinet held on 6 February 2014\n\n52.  Budget\n\n\
         (Non-key decision):\n1. Approved the budget.\n2. Noted the risks.\n",
    );
    let it = items(&doc)[0];
    assert_eq!(
        labelled(&it.decision),
        [
            (Some("1".into()), "Approved the budget.".into()),
            (Some("2".into()), "Noted the risks.".into()),
        ]
    );
    assert!(it.resolutions.is_empty());
}

/// PATTERNS.md 5: `Cabinet recommended to Full Council that ...` is a recommendation (the text
/// after `that`), inline or over a list; an officer's recommendation is not the meeting's.
#[test]
fn a_body_recommending_to_council_gives_recommendations() {
    let doc = parse(
        "Minutes of a meeting of the Cabinet held on 6 February 2014\n\n\
         52.  Budget\n\nCabinet recommended to Full Council that the budget be approved.\n\n\
         53.  Plan\n\nThe Committee recommended to Council that:\n(a) the plan be adopted;\n\
         (b) the map be published.\n\n\
         54.  Roads\n\nOfficers recommended to Cabinet that the scheme be funded.\n",
    );
    let its = items(&doc);
    assert_eq!(
        labelled(&its[0].recommendations),
        [(None, "the budget be approved.".into())]
    );
    assert_eq!(
        labelled(&its[1].recommendations),
        [
            (Some("a".into()), "the plan be adopted;".into()),
            (Some("b".into()), "the map be published.".into()),
        ]
    );
    assert!(its[2].recommendations.is_empty());
}

/// PATTERNS.md 11: `PDF 65 KB` on the line after an attachment name given as a hyphen bullet
/// names that attachment; size lines are never item numbers, however many there are.
#[test]
fn a_size_line_names_the_bullet_above_it() {
    let doc = parse(
        "Minutes of a meeting of the Cabinet held on 6 February 2014\n\n\
         52.  Budget\nThe report was noted.\n- Budget report\nPDF 65 KB\n- Appendix A\nPDF 12 KB\n\n\
         53.  Roads\nPDF 5 KB\n",
    );
    let its = items(&doc);
    let numbers: Vec<_> = its.iter().map(|i| i.number.as_deref()).collect();
    assert_eq!(numbers, [Some("52"), Some("53")]);
    let names = |it: &Item| -> Vec<(Option<String>, Option<u64>)> {
        it.attachments
            .iter()
            .map(|a| (a.title.clone(), a.size_bytes))
            .collect()
    };
    assert_eq!(
        names(its[0]),
        [
            (Some("Budget report".into()), Some(65 * 1024)),
            (Some("Appendix A".into()), Some(12 * 1024)),
        ]
    );
    // a size line with no name above it is the item's own document
    assert_eq!(names(its[1]), [(Some("Roads".into()), Some(5 * 1024))]);
    // the names are not content: no concerns, no parts from them
    assert!(its[0].concerns.is_empty());
    assert_eq!(parts(its[0]), [(None, "The report was noted.".into())]);
}

/// US agenda software's motion blocks: an outcome sentence, then `RESULT: FAILED [4-2-1-1]`
/// over `AYES:` / `NAYS:` / `ABSTAIN:` rows, is one vote whose outcome is the block's (four for
/// and two against still failed); the next block is another vote. Roll calls of the same counts
/// one after another stay separate votes.
#[test]
fn a_motion_block_is_one_vote_with_its_stated_result() {
    let doc = parse(
        "MINUTES OF THE PLANNING BOARD\nMarch 3, 2021\n\n\
         5.    ELECTION OF CHAIR\n\n\
         \x20     Member Diaz made a motion, seconded by Member Ortiz, to postpone the\n\
         \x20     election, and the motion failed to gather a majority vote as reflected:\n\n\
         \x20      RESULT:         FAILED [4-2-1-1]\n\
         \x20      MOTION BY:      Diaz\n\
         \x20      SECOND:         Ortiz\n\
         \x20      AYES:           Diaz, Ortiz, Lamb, Quinn\n\
         \x20      NAYS:           Reyes, Stone\n\
         \x20      ABSTAIN:        Ueda\n\
         \x20      ABSENT:         Vance\n\n\
         \x20      RESULT:         APPROVED [UNANIMOUS]\n\
         \x20      MOTION BY:      Diaz\n\
         \x20      SECOND:         Lamb\n\
         \x20      AYES:           Diaz, Ortiz, Lamb, Quinn, Reyes, Stone, Ueda\n\
         \x20      ABSENT:         Vance\n\n\
         6.    ADJOURNMENT\n\n\
         Roll call: Trustee Ames – yes, Trustee Bell – yes, Trustee Cole – yes.\n\
         Roll call: Trustee Ames – yes, Trustee Bell – yes, Trustee Cole – yes.\n",
    );
    let its = items(&doc);
    let votes = |it: &Item| -> Vec<_> {
        it.votes
            .iter()
            .map(|v| (v.for_, v.against, v.abstain, v.result, v.for_names.len()))
            .collect()
    };
    use council_minutes::VoteResult::{Carried, Lost};
    assert_eq!(
        votes(its[0]),
        [
            (Some(4), Some(2), Some(1), Some(Lost), 4),
            (Some(7), Some(0), Some(0), Some(Carried), 7),
        ]
    );
    assert_eq!(its[0].votes[0].against_names, ["Reyes", "Stone"]);
    assert_eq!(
        votes(its[1]).len(),
        2,
        "two roll calls: {:?}",
        votes(its[1])
    );
}

/// "... approved the following contract:" takes its detail lines, and a field's value that runs
/// on over more sentences belongs to it up to the next blank line.
#[test]
fn a_detail_field_runs_on_to_the_blank_line() {
    let doc = parse(
        "MINUTES OF THE BOARD MEETING\nMarch 7, 2014\n\n\
         5.2.17   On motion of Mr. Avery, seconded by Ms. Byrd, the Board approved the\n\
         \x20        following contract:\n\n\
         \x20        Contractor:                 Northfield Health Services\n\
         \x20        Contract Amount:            $96,250.00\n\n\
         \x20        Description of Service: The contractor will inspect each kitchen\n\
         \x20        before it opens.\n\
         \x20        The inspectors will also visit each site once during the term and\n\
         \x20        record the results.\n\n\
         \x20        The Board then heard public comment.\n\n\
         5.2.18   Other business\n",
    );
    let it = items(&doc)[0];
    assert_eq!(it.resolutions.len(), 1, "{:?}", it.resolutions);
    let text = &it.resolutions[0].text;
    assert!(text.starts_with("On motion of Mr. Avery"), "{text}");
    assert!(text.contains("Contract Amount: $96,250.00"), "{text}");
    assert!(text.ends_with("record the results."), "{text}");
    assert!(!text.contains("public comment"), "{text}");
}

/// Canadian resolutions under a mover and seconder (PATTERNS.md 5): `That ...` in sentence case
/// is a resolution when carried, on its line or the next; `BE IT RESOLVED THAT` starts the part
/// at `THAT`; a motion runs on to the sentence that carries it, but a by-law's readings are not
/// its text; a `That ...` paragraph with no outcome is not a resolution.
#[test]
fn carried_motions_under_mover_and_seconder() {
    let doc = parse(
        "Township of Eastwick\nRegular Council Meeting Minutes\nDecember 3, 2024\n\n\
         R2024-101 A. Boyd, C. Dunn:\n\
         That the minutes of the regular Council Meeting held November 12, 2024, be adopted as published.\n\
         Carried.\n\n\
         R2024-102 C. Dunn, A. Boyd:\n\
         That we accept the correspondence as presented. Carried.\n\n\
         R2024-103 A. Boyd, E. Frost:\n\
         BE IT RESOLVED THAT the seat of one Councillor is declared vacant.\n\
         AND THAT the position will be filled by appointment.\n\
         Applications will be accepted until December 17, 2024. Carried.\n\n\
         R2024-104 E. Frost, C. Dunn:\n\
         That we pass By-Law 2024-57, being a By-Law to confirm the proceedings of Council.\n\
         Read the first, second and third time and passed this 3rd day of December, 2024. Carried.\n\n\
         R2024-105 E. Frost, A. Boyd:\n\
         That staff report back on winter parking.\n",
    );
    let texts = resolution_texts(&doc);
    assert_eq!(
        texts,
        [
            vec!["That the minutes of the regular Council Meeting held November 12, 2024, be adopted as published.".to_string()],
            vec!["That we accept the correspondence as presented.".to_string()],
            vec!["THAT the seat of one Councillor is declared vacant. AND THAT the position will be filled by appointment. Applications will be accepted until December 17, 2024.".to_string()],
            vec!["That we pass By-Law 2024-57, being a By-Law to confirm the proceedings of Council.".to_string()],
            vec![],
        ]
    );
}

/// A motion that was lost is no resolution (LABELING.md: its vote records it).
#[test]
fn a_defeated_motion_is_a_vote_not_a_resolution() {
    let doc = parse(
        "Township of Eastwick\nRegular Council Meeting Minutes\nDecember 3, 2024\n\n\
         R2024-106 A. Boyd, C. Dunn:\n\
         THAT we pass By-Law 2024-60, being a By-Law to close Mill Road. Defeated.\n\n\
         R2024-107 C. Dunn, A. Boyd:\n\
         THAT we pass By-Law 2024-61, being a By-Law to open Mill Road. Carried.\n",
    );
    let its = items(&doc);
    assert!(its[0].resolutions.is_empty(), "{:?}", its[0].resolutions);
    assert_eq!(
        its[0].votes.first().and_then(|v| v.result),
        Some(council_minutes::VoteResult::Lost)
    );
    assert_eq!(its[1].resolutions.len(), 1);
}

/// A numbered paragraph `5)   RESOLVED that:` over unlabelled paragraphs set under its label:
/// each of them is a part (not the bare `that:`).
#[test]
fn a_labelled_marker_over_indented_paragraphs() {
    let doc = parse(
        "Minutes of a meeting of the County Council held on 13 March 2025\n\n\
         301.   Armed Forces Covenant\n\n\
         \x20      4)   Following the debate, the Chairman put the motion to the vote.\n\n\
         \x20      5)   RESOLVED that:\n\n\
         \x20           Members note the work done to deliver the Covenant in the county.\n\n\
         \x20           Members continue to support the Covenant across the county.\n\n\
         302.   Devolution Update\n\nThe update was noted.\n",
    );
    let it = items(&doc)[0];
    assert_eq!(
        parts(it),
        [
            (None, "Members note the work".into()),
            (None, "Members continue to support".into()),
        ]
    );
}

/// Minutes that number nothing, headed by capitals: a heading run into its first sentence after
/// a dash (`CORRESPONDENCE – A motion was made ...`) opens an item as a heading alone does.
#[test]
fn a_capitals_heading_runs_into_its_body() {
    let doc = parse(
        "MILLBROOK TOWNSHIP BOARD OF TRUSTEES MEETING MINUTES\nMarch 9, 2022\n\n\
         The meeting was called to order at 7:00 p.m. by the Supervisor with all trustees present.\n\n\
         APPROVAL OF MINUTES:\nA motion was made to approve the minutes. Motion passes.\n\n\
         REPORTS:\nThe clerk reported on the new software for the office.\n\n\
         CORRESPONDENCE – A motion was made to donate to the Egg Hunt as last year. Motion passes.\n\n\
         ANNOUNCEMENTS –\nThe office will be closed on Friday.\n",
    );
    let titles: Vec<_> = items(&doc)
        .iter()
        .map(|i| i.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        [
            "APPROVAL OF MINUTES",
            "REPORTS",
            "CORRESPONDENCE",
            "ANNOUNCEMENTS"
        ]
        .map(String::from)
    );
    let corr = items(&doc)[2];
    assert!(
        corr.text.starts_with("A motion was made to donate"),
        "{}",
        corr.text
    );
}

/// After the last numbered item, a short title alone between blank lines over prose opens one
/// more, unnumbered item (`Other Matters`); the closing lines of minutes (`Date of next
/// meeting`) and the headings of a payments table do not.
#[test]
fn an_unnumbered_heading_after_the_last_numbered_item() {
    let doc = parse(
        "Minutes of a meeting of Elmstead Parish Council held on 27 June 2024\n\n\
         1.  Apologies\n\nNone were received.\n\n\
         2.  Finance\n\nThe payments were approved.\n\n\
         Receipts\n\n\
         Detail                 Total £s          VAT\n\
         Hall hire                 50.00          0.00\n\n\
         Other Matters\n\n\
         The Clerk has replaced the sign at the top of the village.\n\n\
         Date of next meeting\n\n\
         The next meeting will be on 25 July 2024.\n",
    );
    let got: Vec<_> = items(&doc)
        .iter()
        .map(|i| (i.number.clone(), i.title.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("1".into()), "Apologies".into()),
            (Some("2".into()), "Finance".into()),
            (None, "Other Matters".into()),
        ]
    );
}

/// A heading's title wrapped onto a second line is one title (printed county minutes, US
/// agendas); a short body line under a short title is not part of it.
#[test]
fn a_title_wrapped_at_the_line_end() {
    let doc = parse(
        "Minutes of a meeting of the County Council held on 13 March 2025\n\n\
         294.   Minutes of the meeting held on 13 February 2025 and, if in order, to be\n\
         \x20      approved as a correct record\n\
         \x20      (Item 3)\n\n\
         \x20      RESOLVED that the minutes be approved as a correct record.\n\n\
         295.   Apologies\n\
         none received\n\n\
         296.   Contract Award to Harbour Management & Consulting in the Amount of $137,052\n\
         \x20      for Project and Construction Management Software Services\n\
         297.   Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme\n\
         2025-35 and Treasury Management Strategy\n\n\
         The budget was agreed.\n",
    );
    let titles: Vec<_> = items(&doc)
        .iter()
        .map(|i| i.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        [
            "Minutes of the meeting held on 13 February 2025 and, if in order, to be approved as a correct record",
            "Apologies",
            "Contract Award to Harbour Management & Consulting in the Amount of $137,052 for Project and Construction Management Software Services",
            "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury Management Strategy",
        ]
        .map(String::from)
    );
    assert_eq!(items(&doc)[1].text, "none received");
}

/// A heading in title case run into its body after a dash keeps its title even when the line
/// runs on under itself as a paragraph would (`08.23.06  Playground Update – AS had ...`).
#[test]
fn a_title_case_run_in_heading_on_a_long_line() {
    let doc = parse(
        "Minutes of Elmstead Parish Council held on 31st August 2023\n\n\
         08.23.05    Apologies – none were received.\n\n\
         08.23.06    Playground Update – AS had circulated up to date playground costs (addendum\n\
         \x20            to these minutes) which includes fund raising and grants. Further fundraising\n\
         \x20            events are planned.\n",
    );
    let its = items(&doc);
    assert_eq!(its[1].number.as_deref(), Some("08.23.06"));
    assert_eq!(its[1].title.as_deref(), Some("Playground Update"));
    assert!(
        its[1].text.starts_with("AS had circulated"),
        "{}",
        its[1].text
    );
}

/// British moved-and-seconded motions (PATTERNS.md 9): the motion's `that ...` is a resolution
/// when it was carried, in its paragraph or the next; not when it was lost, and not when a
/// sentence after it records the decision itself.
#[test]
fn moved_and_seconded_motions() {
    let doc = parse(
        "Minutes of a meeting of the Council held on 6 February 2014\n\n\
         52.  Budget\n\nCouncillor Smith moved and Councillor Jones seconded that the budget be approved.\nCARRIED\n\n\
         53.  Roads\n\nMr. A. Brady proposed, and Ms Meade seconded the motion that the scheme be deferred. Agreed.\n\n\
         54.  Parks\n\nCouncillor Lee moved and Councillor Ray seconded that the park close early. The motion was lost.\n\n\
         55.  Co-option\n\nNO proposed and AS seconded that she should be co-opted. It was unanimously agreed that Heidi should be co-opted.\n",
    );
    let texts = resolution_texts(&doc);
    assert_eq!(
        texts,
        [
            vec!["that the budget be approved.".to_string()],
            vec!["that the scheme be deferred.".to_string()],
            vec![],
            vec!["that Heidi should be co-opted.".to_string()],
        ]
    );
}

/// Capitalised verbs as decisions (PATTERNS.md 5): `NOTED the report.`, `RECEIVED the update.`
/// are parts; a sentence-case `Noted that ...` is an observation.
#[test]
fn capitalised_noted_and_received_are_decisions() {
    let doc = parse(
        "Minutes of a meeting of the Cabinet held on 6 February 2014\n\n\
         52.  Budget\n\nNOTED the report.\n\n\
         53.  Roads\n\nNoted that the road is closed.\n\n\
         54.  Parks\n\nRECEIVED the update from the Clerk.\n",
    );
    let texts = resolution_texts(&doc);
    assert_eq!(
        texts,
        [
            vec!["NOTED the report.".to_string()],
            vec![],
            vec!["RECEIVED the update from the Clerk.".to_string()],
        ]
    );
}

/// A trailing `*Recommended to Council` (PATTERNS.md 5) makes what the committee resolved a
/// recommendation to the full council, without the note in its text.
#[test]
fn a_trailing_recommended_to_council_note() {
    let doc = parse(
        "Minutes of a meeting of the Cabinet held on 6 February 2014\n\n\
         52.  Budget\n\nRESOLVED – That the budget be approved.\n*Recommended to Council\n\n\
         53.  Roads\n\nRESOLVED – That the scheme be noted.\n",
    );
    let its = items(&doc);
    assert!(its[0].resolutions.is_empty());
    assert_eq!(
        its[0]
            .recommendations
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>(),
        ["That the budget be approved."]
    );
    assert_eq!(its[1].resolutions.len(), 1);
    assert!(its[1].recommendations.is_empty());
}

/// Apologies told in a sentence among the opening paragraphs (PATTERNS.md 8), as well as under
/// an `Apologies` item.
#[test]
fn apologies_in_an_opening_sentence() {
    let doc = parse(
        "Minutes of a meeting of the Cabinet held on 6 February 2014\n\n\
         Apologies for absence were received from Councillors Brown and White.\n\n\
         1.  Budget\n\nThe budget was noted.\n",
    );
    let m = &doc.meetings[0];
    let names: Vec<_> = m
        .attendance
        .apologies
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Brown", "White"]);
}
