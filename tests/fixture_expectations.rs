//! Hand-written expectations for every fixture in `fixtures/`: what a careful reader, following
//! `../shared/corpus/LABELING.md` and `../shared/SCHEMA.md`, finds in each document. The golden
//! files (`fixtures/*.json`, `tests/golden.rs`) pin what the parser does; these tests pin what it
//! should do, and only where the labelling rules settle the answer. Where they do not (how a
//! title is cut, whether a shared "Councillors" prefix is copied, the abstain count of a vote
//! that gives none, the exact text of an item), nothing is asserted.
//!
//! Conventions of the helpers below: part texts are compared by their first words, after
//! collapsing whitespace (NBSP included), ignoring case, and ignoring a leading "that"/"to" (the
//! scorer does the same); meeting bodies are compared ignoring case; `""` in a list of labels or
//! numbers means "none" (`null`); amounts are the distinct decimal values of the document and of
//! all its items together.
//!
//! Expected facts, fixture by fixture:
//!
//! newcastle-under-lyme_cabinet_2012-06-20_item5.txt (the seed; its gold is in
//!   ../shared/corpus/seed/gold): issue_history, title "Public Sector Commissioning in
//!   Partnership - Collaborative Commissioning"; 1 meeting 2012-06-20 "Cabinet"; item 5 with that
//!   title and a 59 KB PDF attachment; resolutions a..e ("That Cabinet agree in principle",
//!   "That subject to agreement funding", "That your officers support", "That your officers
//!   establish", "That in delivering"); 4 concerns; a statement by the Portfolio Holder for
//!   Regeneration, Planning and Town Centres; no votes; amounts 163000, 248510 (2013/14 is a
//!   financial year, 100% a share).
//!
//! moderngov_issue_two_meetings.txt: issue_history, title "Riverside Leisure Centre - Future
//!   Operating Model"; 2 meetings, newest first: 2023-03-14 "Cabinet" and 2023-03-02 "Economy and
//!   Place Scrutiny Committee". Cabinet: item 8 (120 KB PDF), resolutions a, b, c ("That Cabinet
//!   approve the transfer", "That a one-off contribution", "That the Head of Leisure and
//!   Culture"), the same block printed unlabelled above it (decision, if kept, a..c too), 3
//!   concerns ("That the trust would be free", "That staff transferring", "Whether the swimming
//!   lessons"), a statement by "The Portfolio Holder for Leisure, Culture and Heritage", no votes.
//!   Scrutiny: item 6 (98 KB PDF) with agenda text only: no decided parts, no concerns (the
//!   "• Share this item" bullet is furniture), no votes. Amounts 185000, 240000, 2.40.
//!
//! moderngov_agenda_item.txt: agenda_item, title contains "Motion on Notice - Council Tax Support
//!   Scheme"; 1 meeting 2024-07-17 "Council"; exactly 1 item, 12, titled "Motion on Notice -
//!   Council Tax Support Scheme" (the motion's own 1./2. list is neither items nor parts);
//!   resolutions 1, 2 ("the Council notes that the local Council Tax Support scheme", "the
//!   Cabinet be asked to review"); votes, in order: 26/32/0 lost (the amendment), then
//!   null/null/null carried (the substantive motion); amounts 450000 (100% is not money).
//!
//! moderngov_issue_decisions.txt: decision, title "Housing Revenue Account Budget and Rent Setting
//!   2020/21"; 1 meeting 2020-02-13 "Cabinet"; 1 item with that title and no number; decision
//!   block parts 1, 2, 3 ("Approved an increase in dwelling rents", "Approved the Housing Revenue
//!   Account budget", "Agreed that garage rents"), the "Cabinet:" lead-in and the reasons and
//!   alternatives are not parts; no votes; amounts 86.42, 24310500, 0.50, 480000, 2600000 (2.7%
//!   and CPI + 1% are not money).
//!
//! moderngov_decision_details.txt: decision, title "Award of Contract - Carriageway Resurfacing
//!   Programme 2024/25"; 1 meeting dated by "Date of decision" 2024-09-10 (not the publication
//!   date 12/09/2024), body "Director of Place and Environment"; 1 item with that title;
//!   decision parts a, b ("To award the contract for the 2024/25", "To approve a total programme
//!   budget"); no votes; amounts 1200000 (£1.2m), 2500000 (£2.5 million), 69600 (£69.6k),
//!   150000.
//!
//! printed_minutes_county.txt: minutes, title starts "Minutes of a meeting of the Cabinet held on
//!   Thursday, 17th March, 2011", authority "Hartmoor County Council"; 1 meeting 2011-03-17
//!   "Cabinet", location mentions County Hall; present 9 (Okafor, role Chair; Brennan, Chaudhry,
//!   Dempsey, Fairbairn, Gallagher, Ince, Kowalczyk, Whitlock), in attendance Alison Marsh (Chief
//!   Executive), Graham Petrie, Nadia Youssef (not present), apologies Quarry and Sefton. Items
//!   52 Minutes, 53 Revenue Budget and Capital Programme 2011/12, 54 Fostering Allowances
//!   2011/12, 55 Review of the Library Service (the running header after "Page 1 of 2" is not a
//!   meeting or an item).
//!   52: one unlabelled resolution "That the minutes of the meeting held on 17th February, 2011".
//!   53: resolutions 1 > (a > i, ii; b), 2; one unlabelled recommendation "the County Council
//!   element of the Band D council tax" (RECOMMENDED to Council is not a resolution); no votes.
//!   54: resolutions a, b; vote 7/1/null carried. 55: one unlabelled resolution "That the library
//!   service review proceed", one recorded vote 6/2/1 carried with 6, 2 and 1 names.
//!   Amounts 104320000, 12072263, 1116.54, 278.97 (financial years and percentages are not).
//!
//! parish_minutes.txt (starts with a BOM): minutes, title "Ashcombe Parish Council – Minutes of
//!   the meeting held on 6th September 2017", authority and body "Ashcombe Parish Council", date
//!   2017-09-06; present exactly Cllr H Marsden (role Chairman), Cllr G Pike, Cllr S Oduya, Cllr W
//!   Tennant, Cllr F Lowry (the stray ", ," is no one; the clerk is in attendance, not present);
//!   apologies Councillor R Healey. Items CL.136 .. CL.143. Unlabelled resolutions: CL.137 "The
//!   minutes of the meeting held on 2nd August 2017 were approved as a correct record"; CL.139
//!   "that the contract be awarded to Greenway Grounds Ltd" with vote null/null/null carried ("all
//!   in favour"); CL.140 "Councillors resolved to raise no objection" (the District Council's
//!   refusal is another body's decision); CL.141 "Councillors resolved to approve the payments".
//!   CL.136, CL.138 ("It was noted that" is an observation), CL.142, CL.143: none. Only CL.139 has
//!   a vote. Amounts 1450, 312.40, 78, 120, 24, 534.40, 8214.66.
//!
//! us_city_council.txt (CRLF): minutes, title mentions MINUTES, authority "City of Maple Bluff"; 1
//!   meeting 2008-03-05 "City Council"; present 5 (Whitfield, Ortiz, Brandt, Nakamura, Sorensen),
//!   absent none, staff not present. Items 1..7 titled as printed in capitals. 4: resolution "to
//!   approve the consent calendar", vote 5-0 carried. 5: resolution "to introduce Ordinance No.
//!   2008-03", vote 5-0 carried with 5 AYES names. 6: no resolution (failed motion), vote 2-3 lost
//!   with 2 AYES and 3 NOES names. 1-3: no resolutions, no votes. Amounts (USD) 412886.19, 15000,
//!   38500.
//!
//! nested_labels.txt: minutes, title starts "Minutes of the meeting of the Executive held on
//!   Tuesday, 14th July 2020", authority "Westbrook District Council"; 1 meeting 2020-07-14
//!   "Executive"; items 41..46. 41: 1 > (a > i, ii; b), 2. 42: i, ii (REASON blocks are not
//!   parts, and (ii) is not inside (i)). 43: a, b, c, with "band (b) and below" inside a's text
//!   and c's text "the scheme be reviewed" from the line after its label. 44: A, B. 45: 1.1, 1.2.
//!   46: 1, 1, 2 as published. Amounts 61500, 4950.
//!
//! votes.txt: minutes, title starts "MINUTES OF THE MEETING OF THE COUNCIL HELD ON WEDNESDAY, 24TH
//!   SEPTEMBER, 2014", authority "Kingsbridge Borough Council"; 1 meeting 2014-09-24 "Council";
//!   items 30..36, one vote each: 30 null/null/null carried ("Carried unanimously"); 31 43/0/0
//!   carried; 32 41/1/null carried ("AGREED by 41 votes to 1 that"); 33 null/null/null lost and no
//!   resolution; 34 null/null/null lost (the proposal fell) plus the separate resolution "That the
//!   Council re-affirms"; 35 9/2/1 carried with 9, 2, 1 names; 36 5/2/1 carried with 5 names (the
//!   table). One unlabelled resolution in each item but 33. Amounts 38000, 126400, 22750.
//!
//! no_heading.txt: agenda_item although the page has no heading, title "Budget Monitoring
//!   2020/21"; 1 meeting with no date and no body (30 September 2020 inside a part is not the
//!   meeting date); item 76 "Budget Monitoring 2020/21" with an 80 KB PDF; resolutions 1, 2 ("the
//!   forecast revenue outturn position", "the virements set out in Appendix B"); no votes;
//!   amounts 640000, 2300000, 1900000, 750000 (6.1% is not money).
//!
//! cut_off.txt (ends mid-word, no final newline): minutes; 1 meeting 2020-07-14 "Planning
//!   Committee"; items 1 Apologies for Absence, 2 Declarations of Interest, 3 Minutes of the
//!   previous meeting (65 KB PDF; resolution "That the minutes of the meeting held on 16th June
//!   2020"), 4 "20/00417/FUL - Land off Station Road, Ellerby" (210 KB PDF; no resolutions, no
//!   votes; its text keeps the cut-off "affordable hou"); amounts 45000.
//!
//! agenda.txt: agenda; 1 meeting 2019-10-03 "Licensing and Regulatory Committee"; no one present
//!   (a membership roster is not attendance); items 1..7 (the a)/b) under 6 are not items); no
//!   item has resolutions, a decision block or votes, though the agenda prints
//!   "Recommendation:" texts and "RECOMMENDED that the press and public be excluded"; amounts
//!   185.00.
//!
//! other_listing.txt: other; no meetings; no amounts.
//!
//! parish_payments.txt: minutes; 1 meeting 2023-03-14 "Hollowmere Parish Council"; items
//!   03.23.01 ... 03.23.06 in the month.year.sequence style ("Agenda Item 7" at the end of a
//!   wrapped body line is a reference, not an item); 03.23.05 titled "Finance" (its heading runs
//!   into "the following accounts were approved for payment", which is its resolution);
//!   resolutions in 03.23.03 ("The minutes of the meeting held on 14th February 2023 were
//!   approved") and 03.23.04 ("the clerk should ask for a ten year renewal"); amounts 450, the
//!   payments tables' cells under `Total £s` / `VAT` / `Total` + `£s` (212.40, 53.10, 396.00,
//!   66.00, 1,240.00, 688.25, 114.71; `0.0` is no amount), 14203.55 and 12000, all GBP.
//!
//! summarised_minutes.txt: minutes ("Agenda, decisions and minutes"); 1 meeting 2023-05-09
//!   "Planning Committee" at "Council Chamber, Ashbury Town Hall" (the `Contact:` line after the
//!   venue is not part of it); items 31 ... 34; every item ends with the summary's link "view the
//!   full minutes text for item N.", on the item's last line or on its own, which is in no text;
//!   the leftover `</AI1>` / `<AI2>` markup lines are in no text; resolutions in 32 ("That
//!   planning permission be granted subject to the conditions in the report.") and 34 ("That the
//!   allocation of £48,500 towards the Mill Lane play area be approved."); 31 and 33 decide
//!   nothing; amounts 48500 GBP.
//!
//! moderngov_issue_decisions_two.txt: decision, title "Library Service Review"; 2 meetings, one
//!   per decision, newest first: 2021-07-15 "Cabinet" (decision parts a, b: "That the new library
//!   service model", "That £350,000 be released"; the reasons and alternatives are not parts) and
//!   2021-06-24 "Communities Scrutiny Committee" (one unlabelled recommendation, "the new library
//!   service model be approved, subject to a review"); the bullet under `Accompanying
//!   Documents:` names a document (an attachment), not a part; no votes; amounts 350000 GBP.
//!
//! irish_municipal_minutes.txt: minutes, title starts "MINUTES OF THE MONTHLY MEETING OF
//!   BALLYMORE MUNICIPAL DISTRICT"; 1 meeting 2019-09-09 "Ballymore Municipal District" (not
//!   "Monthly"); present Kavanagh, Doyle, Walsh, Brennan (no name keeps the `and` that ends the
//!   wrapped line); items numbered only by their resolutions, 449/2019, 450/2019, 451/2019, each
//!   one unlabelled resolution ("That the minutes of the monthly meeting", "That Ballymore
//!   Municipal District approve", "That the General Municipal Allocation") and one vote carried
//!   (450 unanimously); "Carried" alone on its line is no heading; amounts 1245000, 85000 EUR.
//!
//! township_lettered_items.txt: minutes; 1 meeting 2025-05-06 (US date); items A, B, C, D
//!   (`ITEM A:` ... run through the alphabet); A and B each one motion resolution ("to approve
//!   the purchase of a pumper truck", "to adopt the 2025-26 fee schedule") and a vote 5-0 / 4-1
//!   carried; C and D decide nothing; amounts 486250 USD (2025-26 is a budget year).
//!
//! printed_concerns_page_break.txt: minutes, title "Minutes of the Cabinet"; 1 meeting
//!   2025-01-30 "Cabinet"; item 12 with three concerns, each with what runs on below it: the
//!   first continues over a page number and a change of margin ("... consultation with
//!   residents and businesses ..."), the third holds its `o` sub-list and the paragraph set under
//!   it; one resolution ("the draft budget be endorsed"); amounts 58600000 GBP.
//!
//! moderngov_decisions_and_minutes.txt: minutes; 1 meeting 2020-07-14 "Planning Committee";
//!   items 14, 15, 16. Each `Decision:` block ends at the `Minutes:` label below it: 14's
//!   decision is the one refusal (the minutes' narrative is no part of it), resolved again under
//!   `RESOLVED:`, with a vote 8/2/1 carried (`For 8, Against 2, Abstain 1`); 15 decides a, b
//!   ("That the contribution of £125,000", "That the Head of Planning") in both blocks; 16 "The
//!   report was noted."; amounts 125000 GBP.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use council_minutes::{
    parse_bytes, Document, Item, Kind, Meeting, Options, Part, Person, Vote, VoteResult,
};
use rust_decimal::Decimal;

use VoteResult::{Carried, Lost};

/// Parses `fixtures/<name>` as the CLI would.
macro_rules! fixture {
    ($name:literal) => {{
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/", $name))
            .expect(concat!("read fixtures/", $name));
        parse_bytes(&bytes, &Options::with_path(concat!("fixtures/", $name)))
            .expect(concat!("parse fixtures/", $name))
    }};
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// Whitespace (NBSP included) collapsed to one space, trimmed.
fn norm(s: &str) -> String {
    s.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `norm`, lower case, straight quotes, without a leading "that " / "to ".
fn key(s: &str) -> String {
    let s = norm(s)
        .to_lowercase()
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    for lead in ["that ", "to "] {
        if let Some(rest) = s.strip_prefix(lead) {
            return rest.to_string();
        }
    }
    s
}

#[track_caller]
fn assert_starts(actual: &str, prefix: &str, what: &str) {
    assert!(
        key(actual).starts_with(&key(prefix)),
        "{what}: expected text starting {prefix:?}, got {:?}",
        norm(actual)
    );
}

#[track_caller]
fn assert_parts(parts: &[Part], labels: &[&str], prefixes: &[&str], what: &str) {
    assert_eq!(
        labels_of(parts),
        labels,
        "{what}: labels (\"\" = unlabelled)"
    );
    assert_eq!(labels.len(), prefixes.len(), "test bug: {what}");
    for (i, (part, prefix)) in parts.iter().zip(prefixes).enumerate() {
        assert_starts(&part.text, prefix, &format!("{what}, part {i}"));
    }
}

fn labels_of(parts: &[Part]) -> Vec<String> {
    parts
        .iter()
        .map(|p| p.label.clone().unwrap_or_default())
        .collect()
}

/// What was decided, read the way the scorer reads it: resolutions, else the decision block,
/// else the recommendations.
fn decided(item: &Item) -> &[Part] {
    if !item.resolutions.is_empty() {
        &item.resolutions
    } else if !item.decision.is_empty() {
        &item.decision
    } else {
        &item.recommendations
    }
}

#[track_caller]
fn assert_nothing_decided(item: &Item, what: &str) {
    assert!(
        item.resolutions.is_empty() && item.decision.is_empty(),
        "{what}: expected no resolutions or decision, got resolutions {:?} / decision {:?}",
        texts(&item.resolutions),
        texts(&item.decision)
    );
}

fn texts(parts: &[Part]) -> Vec<String> {
    parts.iter().map(|p| norm(&p.text)).collect()
}

fn date(m: &Meeting) -> Option<String> {
    m.date.map(|d| d.to_string())
}

fn numbers(m: &Meeting) -> Vec<String> {
    m.items
        .iter()
        .map(|i| i.number.clone().unwrap_or_default())
        .collect()
}

/// The item numbered `number`, in any meeting.
#[track_caller]
fn item<'a>(doc: &'a Document, number: &str) -> &'a Item {
    doc.meetings
        .iter()
        .flat_map(|m| &m.items)
        .find(|i| i.number.as_deref() == Some(number))
        .unwrap_or_else(|| {
            let all: Vec<_> = doc.meetings.iter().map(numbers).collect();
            panic!("no item numbered {number:?}; items are {all:?}")
        })
}

#[track_caller]
fn assert_title(item: &Item, title: &str) {
    assert_eq!(
        item.title.as_deref().map(norm).as_deref(),
        Some(title),
        "title of item {:?}",
        item.number
    );
}

#[track_caller]
fn assert_pdf_attachment(item: &Item, kb: u64) {
    assert!(
        item.attachments
            .iter()
            .any(|a| a.size_bytes == Some(kb * 1024)
                && a.format
                    .as_deref()
                    .is_some_and(|f| f.eq_ignore_ascii_case("pdf"))),
        "item {:?}: expected a {kb} KB PDF attachment, got {:?}",
        item.number,
        item.attachments
    );
}

type Tuple = (Option<u32>, Option<u32>, Option<u32>, Option<VoteResult>);

fn tuple(v: &Vote) -> Tuple {
    (v.for_, v.against, v.abstain, v.result)
}

fn tuples(item: &Item) -> Vec<Tuple> {
    item.votes.iter().map(tuple).collect()
}

/// For, against and result only: for votes whose abstentions the text does not state.
fn for_against_result(v: &Vote) -> (Option<u32>, Option<u32>, Option<VoteResult>) {
    (v.for_, v.against, v.result)
}

#[track_caller]
fn only_vote<'a>(item: &'a Item, what: &str) -> &'a Vote {
    assert_eq!(item.votes.len(), 1, "{what}: votes {:?}", tuples(item));
    &item.votes[0]
}

/// Distinct amount values of the document and all its items.
fn amounts(doc: &Document) -> BTreeSet<Decimal> {
    doc.amounts
        .iter()
        .chain(
            doc.meetings
                .iter()
                .flat_map(|m| &m.items)
                .flat_map(|i| &i.amounts),
        )
        .map(|a| a.value.normalize())
        .collect()
}

#[track_caller]
fn assert_amounts(doc: &Document, expected: &[&str], currency: &str) {
    let want: BTreeSet<Decimal> = expected
        .iter()
        .map(|s| s.parse::<Decimal>().unwrap().normalize())
        .collect();
    assert_eq!(amounts(doc), want, "amounts (document and items together)");
    let all = doc.amounts.iter().chain(
        doc.meetings
            .iter()
            .flat_map(|m| &m.items)
            .flat_map(|i| &i.amounts),
    );
    for a in all {
        assert_eq!(a.currency, currency, "currency of {:?}", a.text);
    }
}

fn names(people: &[Person]) -> Vec<String> {
    people.iter().map(|p| norm(&p.name)).collect()
}

/// The one person whose name contains `surname`.
#[track_caller]
fn person<'a>(people: &'a [Person], surname: &str) -> &'a Person {
    let found: Vec<_> = people.iter().filter(|p| p.name.contains(surname)).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one name containing {surname:?} in {:?}",
        names(people)
    );
    found[0]
}

#[track_caller]
fn assert_people(people: &[Person], surnames: &[&str], what: &str) {
    assert_eq!(people.len(), surnames.len(), "{what}: {:?}", names(people));
    for s in surnames {
        person(people, s);
    }
}

#[track_caller]
fn assert_nobody_named(people: &[Person], surname: &str, what: &str) {
    assert!(
        people.iter().all(|p| !p.name.contains(surname)),
        "{what}: {surname:?} should not be listed: {:?}",
        names(people)
    );
}

#[track_caller]
fn only_meeting(doc: &Document) -> &Meeting {
    assert_eq!(
        doc.meetings.len(),
        1,
        "meetings: {:?}",
        doc.meetings
            .iter()
            .map(|m| (date(m), m.body.clone()))
            .collect::<Vec<_>>()
    );
    &doc.meetings[0]
}

#[track_caller]
/// The body is compared ignoring case only (a body printed in capitals, `CITY COUNCIL`, is
/// "City Council"); it must not carry the authority, the date or "Meeting of".
fn assert_meeting(m: &Meeting, iso: Option<&str>, body: Option<&str>) {
    assert_eq!(date(m).as_deref(), iso, "meeting date");
    assert_eq!(
        m.body.as_deref().map(|b| norm(b).to_lowercase()),
        body.map(str::to_lowercase),
        "meeting body (ignoring case)"
    );
}

#[track_caller]
fn assert_title_starts(doc: &Document, prefix: &str) {
    let title = doc.title.as_deref().map(norm).unwrap_or_default();
    assert!(
        title.starts_with(prefix),
        "document title: expected it to start {prefix:?}, got {:?}",
        doc.title
    );
}

#[track_caller]
fn assert_authority(doc: &Document, authority: &str) {
    assert!(
        doc.authority
            .as_deref()
            .is_some_and(|a| norm(a).eq_ignore_ascii_case(authority)),
        "authority: expected {authority:?}, got {:?}",
        doc.authority
    );
}

// ---------------------------------------------------------------------------------------------
// One test per fixture

#[test]
fn seed_newcastle_issue_meetings() {
    let doc = fixture!("newcastle-under-lyme_cabinet_2012-06-20_item5.txt");
    assert_eq!(doc.kind, Kind::IssueHistory);
    let title = "Public Sector Commissioning in Partnership - Collaborative Commissioning";
    assert_eq!(doc.title.as_deref().map(norm).as_deref(), Some(title));

    let m = only_meeting(&doc);
    assert_meeting(m, Some("2012-06-20"), Some("Cabinet"));
    assert_eq!(numbers(m), ["5"]);
    let it = item(&doc, "5");
    assert_title(it, title);
    assert_pdf_attachment(it, 59);
    assert_parts(
        &it.resolutions,
        &["a", "b", "c", "d", "e"],
        &[
            "That Cabinet agree in principle",
            "That subject to agreement funding approximate to £163,000",
            "That your officers support PSCiP staff",
            "That your officers establish and agree",
            "That in delivering the above objectives",
        ],
        "item 5 resolutions",
    );
    assert_eq!(it.concerns.len(), 4, "concerns: {:?}", it.concerns);
    assert_starts(
        &it.concerns[0].text,
        "That Newcastle under Lyme and Kidsgrove needed to be protected",
        "concern 0",
    );
    assert!(
        it.statements.iter().any(|s| s
            .speaker
            .as_deref()
            .is_some_and(|sp| sp.contains("Portfolio Holder for Regeneration"))),
        "statements: {:?}",
        it.statements
    );
    assert!(it.votes.is_empty(), "votes: {:?}", tuples(it));
    assert_amounts(&doc, &["163000", "248510"], "GBP");
}

#[test]
fn moderngov_issue_two_meetings() {
    let doc = fixture!("moderngov_issue_two_meetings.txt");
    assert_eq!(doc.kind, Kind::IssueHistory);
    let title = "Riverside Leisure Centre - Future Operating Model";
    assert_eq!(doc.title.as_deref().map(norm).as_deref(), Some(title));

    assert_eq!(doc.meetings.len(), 2, "two Meeting: entries");
    let (cabinet, scrutiny) = (&doc.meetings[0], &doc.meetings[1]);
    assert_meeting(cabinet, Some("2023-03-14"), Some("Cabinet"));
    assert_meeting(
        scrutiny,
        Some("2023-03-02"),
        Some("Economy and Place Scrutiny Committee"),
    );

    // The Cabinet entry: decision block, narrative, concerns, statement, Resolved.
    assert_eq!(numbers(cabinet), ["8"]);
    let it = &cabinet.items[0];
    assert_title(it, title);
    assert_pdf_attachment(it, 120);
    let abc = [
        "That Cabinet approve the transfer of the management and operation",
        "That a one-off contribution of £185,000",
        "That the Head of Leisure and Culture, in consultation with",
    ];
    assert_parts(
        &it.resolutions,
        &["a", "b", "c"],
        &abc,
        "item 8 resolutions",
    );
    // The unlabelled block above the narrative repeats the resolution; kept or not, it is a..c.
    if !it.decision.is_empty() {
        assert_parts(
            &it.decision,
            &["a", "b", "c"],
            &abc,
            "item 8 decision block",
        );
    }
    assert_eq!(it.concerns.len(), 3, "concerns: {:?}", it.concerns);
    assert_starts(
        &it.concerns[0].text,
        "That the trust would be free to raise admission prices",
        "concern 0",
    );
    assert_starts(
        &it.concerns[1].text,
        "That staff transferring to the trust",
        "concern 1",
    );
    assert_starts(
        &it.concerns[2].text,
        "Whether the swimming lessons",
        "concern 2",
    );
    let statement = it
        .statements
        .iter()
        .find(|s| norm(&s.text).contains("prices would be controlled through the management"))
        .unwrap_or_else(|| panic!("no Portfolio Holder statement in {:?}", it.statements));
    assert!(
        statement
            .speaker
            .as_deref()
            .is_some_and(|s| s.contains("Portfolio Holder for Leisure, Culture and Heritage")),
        "speaker: {:?}",
        statement.speaker
    );
    assert!(it.votes.is_empty(), "votes: {:?}", tuples(it));

    // The scrutiny entry: agenda text only, no minutes.
    assert_eq!(numbers(scrutiny), ["6"]);
    let it = &scrutiny.items[0];
    assert_title(it, title);
    assert_pdf_attachment(it, 98);
    assert!(decided(it).is_empty(), "item 6: {:?}", texts(decided(it)));
    assert!(
        it.concerns.is_empty(),
        "item 6 concerns (Share this item is furniture): {:?}",
        it.concerns
    );
    assert!(it.votes.is_empty(), "votes: {:?}", tuples(it));

    assert_amounts(&doc, &["185000", "240000", "2.40"], "GBP");
}

#[test]
fn moderngov_agenda_item() {
    let doc = fixture!("moderngov_agenda_item.txt");
    assert_eq!(doc.kind, Kind::AgendaItem);
    let title = "Motion on Notice - Council Tax Support Scheme";
    assert!(
        doc.title
            .as_deref()
            .is_some_and(|t| norm(t).contains(title)),
        "document title: {:?}",
        doc.title
    );

    let m = only_meeting(&doc);
    assert_meeting(m, Some("2024-07-17"), Some("Council"));
    // The motion's own 1./2. list is not a list of items.
    assert_eq!(numbers(m), ["12"]);
    let it = item(&doc, "12");
    assert_title(it, title);
    assert_parts(
        &it.resolutions,
        &["1", "2"],
        &[
            "the Council notes that the local Council Tax Support scheme has not been reviewed",
            "the Cabinet be asked to review the scheme in time for 2025/26",
        ],
        "item 12 resolutions",
    );
    assert_eq!(
        tuples(it),
        [
            (Some(26), Some(32), Some(0), Some(Lost)),
            (None, None, None, Some(Carried)),
        ],
        "the lost amendment, then the substantive motion"
    );
    assert!(it.concerns.is_empty(), "concerns: {:?}", it.concerns);
    assert_amounts(&doc, &["450000"], "GBP");
}

#[test]
fn moderngov_issue_decisions() {
    let doc = fixture!("moderngov_issue_decisions.txt");
    assert_eq!(doc.kind, Kind::Decision);
    let title = "Housing Revenue Account Budget and Rent Setting 2020/21";
    assert_eq!(doc.title.as_deref().map(norm).as_deref(), Some(title));

    let m = only_meeting(&doc);
    assert_meeting(m, Some("2020-02-13"), Some("Cabinet"));
    assert_eq!(m.items.len(), 1, "one decision");
    let it = &m.items[0];
    assert_title(it, title);
    assert_eq!(it.number, None, "a decision page item has no number");
    // "Cabinet:" is a lead-in, not a part; the reasons and alternatives are not parts.
    assert_parts(
        &it.decision,
        &["1", "2", "3"],
        &[
            "Approved an increase in dwelling rents of 2.7%",
            "Approved the Housing Revenue Account budget for 2020/21",
            "Agreed that garage rents be increased by £0.50 per week",
        ],
        "Decision: block",
    );
    assert!(
        !norm(&it.decision[2].text).contains("Regulator"),
        "part 3 runs into the reasons: {:?}",
        it.decision[2].text
    );
    assert!(it.votes.is_empty(), "votes: {:?}", tuples(it));
    assert_amounts(
        &doc,
        &["86.42", "24310500", "0.50", "480000", "2600000"],
        "GBP",
    );
}

#[test]
fn moderngov_decision_details() {
    let doc = fixture!("moderngov_decision_details.txt");
    assert_eq!(doc.kind, Kind::Decision);
    let title = "Award of Contract - Carriageway Resurfacing Programme 2024/25";
    assert_eq!(doc.title.as_deref().map(norm).as_deref(), Some(title));

    let m = only_meeting(&doc);
    // The date of decision, not the publication date (12/09/2024) or "Effective from".
    assert_meeting(
        m,
        Some("2024-09-10"),
        Some("Director of Place and Environment"),
    );
    assert_eq!(m.items.len(), 1, "one decision");
    let it = &m.items[0];
    assert_title(it, title);
    assert_parts(
        &it.decision,
        &["a", "b"],
        &[
            "To award the contract for the 2024/25 carriageway resurfacing programme",
            "To approve a total programme budget of £2.5 million",
        ],
        "THE DECISION: block",
    );
    assert!(it.votes.is_empty(), "votes: {:?}", tuples(it));
    assert_amounts(&doc, &["1200000", "2500000", "69600", "150000"], "GBP");
}

#[test]
fn printed_minutes_county() {
    let doc = fixture!("printed_minutes_county.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    assert_title_starts(
        &doc,
        "Minutes of a meeting of the Cabinet held on Thursday, 17th March, 2011",
    );
    assert_authority(&doc, "Hartmoor County Council");

    // The running header "Cabinet – 17th March, 2011" after the page footer is not a meeting.
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2011-03-17"), Some("Cabinet"));
    assert!(
        m.location
            .as_deref()
            .is_some_and(|l| l.contains("County Hall")),
        "location: {:?}",
        m.location
    );

    // Attendance.
    let a = &m.attendance;
    assert_people(
        &a.present,
        &[
            "Okafor",
            "Brennan",
            "Chaudhry",
            "Dempsey",
            "Fairbairn",
            "Gallagher",
            "Ince",
            "Kowalczyk",
            "Whitlock",
        ],
        "present",
    );
    let chair = person(&a.present, "Okafor");
    assert_eq!(norm(&chair.name), "Councillor M Okafor");
    assert_eq!(chair.role.as_deref(), Some("Chair"));
    for officer in ["Alison Marsh", "Graham Petrie", "Nadia Youssef"] {
        assert!(
            names(&a.in_attendance).iter().any(|n| n == officer),
            "in attendance: expected {officer:?} in {:?}",
            names(&a.in_attendance)
        );
        assert_nobody_named(&a.present, officer, "present");
    }
    let ce = a
        .in_attendance
        .iter()
        .find(|p| norm(&p.name) == "Alison Marsh")
        .unwrap();
    assert_eq!(ce.role.as_deref(), Some("Chief Executive"));
    assert_people(&a.apologies, &["Quarry", "Sefton"], "apologies");

    // Items: numbers alone on their line, titles on the next.
    assert_eq!(numbers(m), ["52", "53", "54", "55"]);
    assert_title(item(&doc, "52"), "Minutes");
    assert_title(
        item(&doc, "53"),
        "Revenue Budget and Capital Programme 2011/12",
    );
    assert_title(item(&doc, "54"), "Fostering Allowances 2011/12");
    assert_title(item(&doc, "55"), "Review of the Library Service");

    let it = item(&doc, "52");
    assert_parts(
        &it.resolutions,
        &[""],
        &["That the minutes of the meeting held on 17th February, 2011 be approved"],
        "52",
    );
    assert!(it.votes.is_empty(), "52 votes: {:?}", tuples(it));

    // (1) > (a) > i., ii.; (b); (2). Then a recommendation, which is not a resolution.
    let it = item(&doc, "53");
    assert_parts(
        &it.resolutions,
        &["1", "2"],
        &[
            "That the following be approved",
            "That the Director of Finance be authorised to make any technical",
        ],
        "53",
    );
    let one = &it.resolutions[0];
    assert_parts(
        &one.parts,
        &["a", "b"],
        &[
            "the revenue budget for 2011/12 as set out in Appendix 1",
            "the capital programme for 2011/12 to 2013/14",
        ],
        "53 (1)",
    );
    assert_parts(
        &one.parts[0].parts,
        &["i", "ii"],
        &[
            "the withdrawal of the proposed saving on school crossing patrols",
            "a review of mobile library routes",
        ],
        "53 (1)(a)",
    );
    assert!(one.parts[1].parts.is_empty(), "53 (1)(b) has no sub-parts");
    assert!(
        it.resolutions[1].parts.is_empty(),
        "53 (2) has no sub-parts"
    );
    assert_parts(
        &it.recommendations,
        &[""],
        &["the County Council element of the Band D council tax for 2011/12"],
        "53 RECOMMENDED to Council",
    );
    assert!(it.votes.is_empty(), "53 votes: {:?}", tuples(it));

    // AGREED (with 7 votes for and 1 against) that: (a) (b)
    let it = item(&doc, "54");
    assert_parts(
        &it.resolutions,
        &["a", "b"],
        &[
            "the weekly allowance for foster carers",
            "the other allowances be increased by 2.5%",
        ],
        "54",
    );
    assert_eq!(tuples(it), [(Some(7), Some(1), None, Some(Carried))], "54");

    // "It was moved by ..., seconded by ... and" / "RESOLVED –" / text; then the recorded vote.
    let it = item(&doc, "55");
    assert_parts(
        &it.resolutions,
        &[""],
        &["That the library service review proceed on the basis of option 2"],
        "55",
    );
    let v = only_vote(it, "55");
    assert_eq!(tuple(v), (Some(6), Some(2), Some(1), Some(Carried)), "55");
    assert_eq!(v.for_names.len(), 6, "for: {:?}", v.for_names);
    assert_eq!(v.against_names.len(), 2, "against: {:?}", v.against_names);
    assert_eq!(v.abstain_names.len(), 1, "abstain: {:?}", v.abstain_names);
    assert!(v.for_names.iter().any(|n| n.contains("Brennan")));
    assert!(v.against_names.iter().any(|n| n.contains("Kowalczyk")));
    assert!(v.abstain_names.iter().any(|n| n.contains("Fairbairn")));

    assert_amounts(&doc, &["104320000", "12072263", "1116.54", "278.97"], "GBP");
}

#[test]
fn parish_minutes() {
    let doc = fixture!("parish_minutes.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    // The BOM is not part of the title.
    assert_eq!(
        doc.title.as_deref().map(norm).as_deref(),
        Some("Ashcombe Parish Council – Minutes of the meeting held on 6th September 2017")
    );
    assert_authority(&doc, "Ashcombe Parish Council");

    let m = only_meeting(&doc);
    assert_meeting(m, Some("2017-09-06"), Some("Ashcombe Parish Council"));
    // One comma-separated line; the stray ", ," is no one; the clerk is in attendance only.
    assert_eq!(
        names(&m.attendance.present),
        [
            "Cllr H Marsden",
            "Cllr G Pike",
            "Cllr S Oduya",
            "Cllr W Tennant",
            "Cllr F Lowry"
        ]
    );
    assert_eq!(m.attendance.present[0].role.as_deref(), Some("Chairman"));
    assert_eq!(names(&m.attendance.apologies), ["Councillor R Healey"]);

    assert_eq!(
        numbers(m),
        ["CL.136", "CL.137", "CL.138", "CL.139", "CL.140", "CL.141", "CL.142", "CL.143"]
    );
    assert_title(item(&doc, "CL.136"), "Declarations of interest");
    assert_title(item(&doc, "CL.137"), "Minutes of the previous meeting");
    assert_title(item(&doc, "CL.141"), "Finance");
    assert_title(item(&doc, "CL.143"), "Date of next meeting");

    // Narrative decisions are unlabelled parts; observations are not parts.
    for n in ["CL.136", "CL.138", "CL.142", "CL.143"] {
        assert_nothing_decided(item(&doc, n), n);
    }
    assert_parts(
        &item(&doc, "CL.137").resolutions,
        &[""],
        &["The minutes of the meeting held on 2nd August 2017 were approved as a correct record"],
        "CL.137",
    );
    let it = item(&doc, "CL.139");
    assert_parts(
        &it.resolutions,
        &[""],
        &["that the contract be awarded to Greenway Grounds Ltd at £1,450.00 per year"],
        "CL.139",
    );
    assert_eq!(
        tuples(it),
        [(None, None, None, Some(Carried))],
        "CL.139 all in favour"
    );
    // The District Council's refusal is another body's decision.
    assert_parts(
        &item(&doc, "CL.140").resolutions,
        &[""],
        &["Councillors resolved to raise no objection to the application"],
        "CL.140",
    );
    assert_parts(
        &item(&doc, "CL.141").resolutions,
        &[""],
        &["Councillors resolved to approve the payments listed above"],
        "CL.141",
    );
    for it in &m.items {
        if it.number.as_deref() != Some("CL.139") {
            assert!(
                it.votes.is_empty(),
                "{:?} votes: {:?}",
                it.number,
                tuples(it)
            );
        }
        assert!(
            it.concerns.is_empty(),
            "{:?} concerns: {:?}",
            it.number,
            it.concerns
        );
    }

    assert_amounts(
        &doc,
        &[
            "1450.00", "312.40", "78.00", "120.00", "24.00", "534.40", "8214.66",
        ],
        "GBP",
    );
}

#[test]
fn us_city_council() {
    let doc = fixture!("us_city_council.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    assert!(
        doc.title
            .as_deref()
            .is_some_and(|t| t.to_uppercase().contains("MINUTES")),
        "document title: {:?}",
        doc.title
    );
    assert_authority(&doc, "City of Maple Bluff");

    let m = only_meeting(&doc);
    assert_meeting(m, Some("2008-03-05"), Some("City Council"));
    let a = &m.attendance;
    assert_people(
        &a.present,
        &["Whitfield", "Ortiz", "Brandt", "Nakamura", "Sorensen"],
        "COUNCIL PRESENT",
    );
    assert!(
        a.absent.is_empty(),
        "ABSENT: None -> {:?}",
        names(&a.absent)
    );
    assert!(
        a.apologies.is_empty(),
        "apologies: {:?}",
        names(&a.apologies)
    );
    for staff in ["Greer", "Romero", "Hobbs"] {
        assert_nobody_named(&a.present, staff, "present");
    }

    assert_eq!(numbers(m), ["1", "2", "3", "4", "5", "6", "7"]);
    let titles = [
        "CALL TO ORDER",
        "ROLL CALL",
        "PLEDGE OF ALLEGIANCE",
        "CONSENT CALENDAR",
        "PUBLIC HEARING - ORDINANCE NO. 2008-03 AMENDING PARKING REGULATIONS ON ELM AVENUE",
        "REQUEST FOR FLASHING CROSSWALK ON OAK STREET",
        "ADJOURNMENT",
    ];
    for (it, title) in m.items.iter().zip(titles) {
        assert_title(it, title);
    }
    for n in ["1", "2", "3"] {
        let it = item(&doc, n);
        assert_nothing_decided(it, n);
        assert!(it.votes.is_empty(), "{n} votes: {:?}", tuples(it));
    }

    // "Motion by A, seconded by B, to approve ... Motion carried 5-0."
    let it = item(&doc, "4");
    assert_parts(
        &it.resolutions,
        &[""],
        &["to approve the consent calendar"],
        "4",
    );
    let v = only_vote(it, "4");
    assert_eq!(
        for_against_result(v),
        (Some(5), Some(0), Some(Carried)),
        "4"
    );

    let it = item(&doc, "5");
    assert_parts(
        &it.resolutions,
        &[""],
        &["to introduce Ordinance No. 2008-03 and waive further reading"],
        "5",
    );
    let v = only_vote(it, "5");
    assert_eq!(
        for_against_result(v),
        (Some(5), Some(0), Some(Carried)),
        "5"
    );
    assert_eq!(v.for_names.len(), 5, "AYES: {:?}", v.for_names);
    assert!(
        v.against_names.is_empty(),
        "NOES: None -> {:?}",
        v.against_names
    );

    // A failed motion is not a resolution; its vote is recorded.
    let it = item(&doc, "6");
    assert_nothing_decided(it, "6");
    let v = only_vote(it, "6");
    assert_eq!(for_against_result(v), (Some(2), Some(3), Some(Lost)), "6");
    assert_eq!(v.for_names.len(), 2, "AYES: {:?}", v.for_names);
    assert_eq!(v.against_names.len(), 3, "NOES: {:?}", v.against_names);
    assert!(v.against_names.iter().any(|n| n.contains("Nakamura")));

    assert_amounts(&doc, &["412886.19", "15000", "38500"], "USD");
}

#[test]
fn nested_labels() {
    let doc = fixture!("nested_labels.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    assert_title_starts(
        &doc,
        "Minutes of the meeting of the Executive held on Tuesday, 14th July 2020",
    );
    assert_authority(&doc, "Westbrook District Council");
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2020-07-14"), Some("Executive"));
    assert_eq!(numbers(m), ["41", "42", "43", "44", "45", "46"]);

    // (1) > (a) > (i), (ii); (b); (2), with hard-wrapped, indented continuation lines.
    let r = &item(&doc, "41").resolutions;
    assert_parts(
        r,
        &["1", "2"],
        &[
            "That the Local Plan Preferred Options document be approved for public consultation",
            "That the consultation run for eight weeks",
        ],
        "41",
    );
    assert_parts(
        &r[0].parts,
        &["a", "b"],
        &[
            "the following amendments to Policy H4",
            "any minor editorial changes being delegated to the Head of Planning",
        ],
        "41 (1)",
    );
    assert_parts(
        &r[0].parts[0].parts,
        &["i", "ii"],
        &[
            "the site size threshold be reduced from 15 to 10 dwellings",
            "the requirement for 5% of plots to be offered for self-build be deleted",
        ],
        "41 (1)(a)",
    );
    assert!(r[0].parts[1].parts.is_empty() && r[1].parts.is_empty());

    // "Resolved: (i) ..." inline, a REASON: block between (i) and (ii).
    let r = &item(&doc, "42").resolutions;
    assert_parts(
        r,
        &["i", "ii"],
        &[
            "That the car parking charges set out in Appendix 1 be approved",
            "That the Portfolio Holder review the arrangements for blue badge holders",
        ],
        "42",
    );
    assert!(
        !norm(&r[0].text).contains("Portfolio Holder"),
        "42 (i) swallowed (ii): {:?}",
        r[0].text
    );

    // a) + 4 spaces, b) + tab, c) alone on its line; "band (b)" is running text.
    let r = &item(&doc, "43").resolutions;
    assert_parts(
        r,
        &["a", "b", "c"],
        &[
            "the revised scheme, which extends full support",
            "the Head of Revenues and Benefits be authorised",
            "the scheme be reviewed after its first full year of operation",
        ],
        "43",
    );
    assert!(
        norm(&r[0].text).contains("council tax band (b) and below, be recommended"),
        "43 a): {:?}",
        r[0].text
    );

    assert_parts(
        &item(&doc, "44").resolutions,
        &["A", "B"],
        &[
            "That the waste collection contract with Clearway Environmental be extended",
            "That the Director of Operations report on the options",
        ],
        "44",
    );
    assert_parts(
        &item(&doc, "45").resolutions,
        &["1.1", "1.2"],
        &[
            "That the Treasury Management Annual Report 2019/20 be noted",
            "That the actual Prudential Indicators for 2019/20 be approved",
        ],
        "45",
    );
    // Numbering errors are kept as published.
    assert_parts(
        &item(&doc, "46").resolutions,
        &["1", "1", "2"],
        &[
            "the report of the Independent Remuneration Panel be noted",
            "the basic allowance remain at £4,950",
            "the revised scheme be published",
        ],
        "46",
    );

    assert_amounts(&doc, &["61500", "4950"], "GBP");
}

#[test]
fn votes() {
    let doc = fixture!("votes.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    assert_title_starts(
        &doc,
        "MINUTES OF THE MEETING OF THE COUNCIL HELD ON WEDNESDAY, 24TH SEPTEMBER, 2014",
    );
    assert_authority(&doc, "Kingsbridge Borough Council");
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2014-09-24"), Some("Council"));
    assert_eq!(numbers(m), ["30", "31", "32", "33", "34", "35", "36"]);
    assert_title(item(&doc, "30"), "MINUTES");
    assert_title(item(&doc, "32"), "APPOINTMENTS TO COMMITTEES");
    assert!(
        item(&doc, "35")
            .title
            .as_deref()
            .is_some_and(|t| norm(t).starts_with("PLANNING APPLICATION 14/00512/FUL")),
        "35 title: {:?}",
        item(&doc, "35").title
    );

    let expected: [(&str, Tuple, Option<&str>); 7] = [
        (
            "30",
            (None, None, None, Some(Carried)),
            Some("That the minutes of the meeting held on 16th July, 2014 be approved"),
        ),
        (
            "31",
            (Some(43), Some(0), Some(0), Some(Carried)),
            Some("That the Council declares a climate emergency"),
        ),
        (
            "32",
            (Some(41), Some(1), None, Some(Carried)),
            Some("that Councillor F Osei replace Councillor H Marlow"),
        ),
        ("33", (None, None, None, Some(Lost)), None),
        (
            "34",
            (None, None, None, Some(Lost)),
            Some("That the Council re-affirms its commitment"),
        ),
        (
            "35",
            (Some(9), Some(2), Some(1), Some(Carried)),
            Some("That planning permission be granted subject to the conditions"),
        ),
        (
            "36",
            (Some(5), Some(2), Some(1), Some(Carried)),
            Some("That community grants totalling £22,750 be awarded"),
        ),
    ];
    for (n, vote, resolution) in expected {
        let it = item(&doc, n);
        assert_eq!(tuples(it), [vote], "item {n} votes");
        match resolution {
            Some(prefix) => assert_parts(&it.resolutions, &[""], &[prefix], n),
            // A motion declared lost is not a resolution.
            None => assert_nothing_decided(it, n),
        }
    }

    let v = &item(&doc, "35").votes[0];
    assert_eq!(v.for_names.len(), 9, "FOR: {:?}", v.for_names);
    assert_eq!(v.against_names.len(), 2, "AGAINST: {:?}", v.against_names);
    assert_eq!(v.abstain_names.len(), 1, "ABSTAINED: {:?}", v.abstain_names);
    assert!(v.against_names.iter().any(|n| n.contains("Pryce")));
    let v = &item(&doc, "36").votes[0];
    assert_eq!(v.for_names.len(), 5, "table For: {:?}", v.for_names);
    assert!(v.abstain_names.iter().any(|n| n.contains("Hughes")));

    assert_amounts(&doc, &["38000", "126400", "22750"], "GBP");
}

#[test]
fn no_heading() {
    let doc = fixture!("no_heading.txt");
    // No page heading: one item of one meeting, told from the body.
    assert_eq!(doc.kind, Kind::AgendaItem);
    assert_eq!(
        doc.title.as_deref().map(norm).as_deref(),
        Some("Budget Monitoring 2020/21")
    );
    let m = only_meeting(&doc);
    // Nothing names the meeting; a date inside a resolution is not its date.
    assert_meeting(m, None, None);
    assert_eq!(numbers(m), ["76"]);
    let it = item(&doc, "76");
    assert_title(it, "Budget Monitoring 2020/21");
    assert_pdf_attachment(it, 80);
    assert_parts(
        &it.resolutions,
        &["1", "2"],
        &[
            "the forecast revenue outturn position for 2020/21",
            "the virements set out in Appendix B, totalling £640,000, be approved",
        ],
        "76",
    );
    assert!(it.votes.is_empty(), "votes: {:?}", tuples(it));
    assert_amounts(&doc, &["640000", "2300000", "1900000", "750000"], "GBP");
}

#[test]
fn cut_off() {
    let doc = fixture!("cut_off.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2020-07-14"), Some("Planning Committee"));
    assert_eq!(numbers(m), ["1", "2", "3", "4"]);
    let titles = [
        "Apologies for Absence",
        "Declarations of Interest",
        "Minutes of the previous meeting",
        "20/00417/FUL - Land off Station Road, Ellerby",
    ];
    for (it, title) in m.items.iter().zip(titles) {
        assert_title(it, title);
    }
    assert_nothing_decided(item(&doc, "1"), "1");
    assert_nothing_decided(item(&doc, "2"), "2");

    let it = item(&doc, "3");
    assert_pdf_attachment(it, 65);
    assert_parts(
        &it.resolutions,
        &[""],
        &["That the minutes of the meeting held on 16th June 2020 be approved"],
        "3",
    );

    // The item that is cut off mid-word keeps what there is.
    let it = item(&doc, "4");
    assert_pdf_attachment(it, 210);
    assert_nothing_decided(it, "4");
    assert!(it.votes.is_empty(), "4 votes: {:?}", tuples(it));
    assert!(
        norm(&it.text).contains("towards off-site affordable hou"),
        "4 text lost the cut-off tail: {:?}",
        it.text
    );

    assert_amounts(&doc, &["45000"], "GBP");
}

#[test]
fn agenda() {
    let doc = fixture!("agenda.txt");
    assert_eq!(doc.kind, Kind::Agenda);
    let m = only_meeting(&doc);
    assert_meeting(
        m,
        Some("2019-10-03"),
        Some("Licensing and Regulatory Committee"),
    );
    // An agenda records no one as present; the membership roster is not attendance.
    assert!(
        m.attendance.present.is_empty(),
        "present: {:?}",
        names(&m.attendance.present)
    );
    // The a)/b) of the exclusion recommendation are not items.
    assert_eq!(numbers(m), ["1", "2", "3", "4", "5", "6", "7"]);
    assert_title(item(&doc, "1"), "Apologies for Absence");
    assert!(
        item(&doc, "4")
            .title
            .as_deref()
            .is_some_and(|t| norm(t).starts_with("Review of Statement of Gambling Principles")),
        "4 title: {:?}",
        item(&doc, "4").title
    );
    assert_title(item(&doc, "6"), "Exclusion of the Press and Public");
    // Recommendations to the meeting are not decisions of it.
    for it in &m.items {
        let n = it.number.clone().unwrap_or_default();
        assert_nothing_decided(it, &n);
        assert!(it.votes.is_empty(), "{n} votes: {:?}", tuples(it));
    }
    assert_amounts(&doc, &["185.00"], "GBP");
}

#[test]
fn other_listing() {
    let doc = fixture!("other_listing.txt");
    assert_eq!(doc.kind, Kind::Other);
    assert!(
        doc.meetings.is_empty(),
        "a meetings listing records no meeting: {:?}",
        doc.meetings
            .iter()
            .map(|m| (date(m), m.body.clone()))
            .collect::<Vec<_>>()
    );
    assert!(amounts(&doc).is_empty());
}

#[test]
fn parish_payments() {
    let doc = fixture!("parish_payments.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2023-03-14"), Some("Hollowmere Parish Council"));
    // "Agenda Item 7" at the end of a wrapped line is a reference in the body, not an item
    assert_eq!(
        numbers(m),
        ["03.23.01", "03.23.02", "03.23.03", "03.23.04", "03.23.05", "03.23.06"]
    );
    assert_title(item(&doc, "03.23.05"), "Finance");
    assert_parts(
        &item(&doc, "03.23.05").resolutions,
        &[""],
        &["the following accounts were approved for payment"],
        "03.23.05",
    );
    assert_parts(
        &item(&doc, "03.23.03").resolutions,
        &[""],
        &["The minutes of the meeting held on 14th February 2023 were approved"],
        "03.23.03",
    );
    assert_parts(
        &item(&doc, "03.23.04").resolutions,
        &[""],
        &["the clerk should ask for a ten year renewal"],
        "03.23.04",
    );
    for n in ["03.23.01", "03.23.02", "03.23.06"] {
        assert_nothing_decided(item(&doc, n), n);
    }
    // the payments tables: bare decimals under a money column are GBP amounts; `0.0` is not
    assert_amounts(
        &doc,
        &[
            "450", "212.40", "53.10", "396.00", "66.00", "1240.00", "688.25", "114.71", "14203.55",
            "12000",
        ],
        "GBP",
    );
}

#[test]
fn summarised_minutes() {
    let doc = fixture!("summarised_minutes.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2023-05-09"), Some("Planning Committee"));
    assert_eq!(
        m.location.as_deref(),
        Some("Council Chamber, Ashbury Town Hall"),
        "the Contact: line is not part of the venue"
    );
    assert_eq!(numbers(m), ["31", "32", "33", "34"]);
    // the summary's link and the markup are furniture: in no item's text, in no part
    for it in &m.items {
        let n = it.number.as_deref().unwrap_or_default();
        for bad in ["view the full minutes text", "<AI", "</AI"] {
            assert!(
                !it.text.contains(bad),
                "item {n} text holds {bad:?}: {:?}",
                it.text
            );
            for p in it.resolutions.iter().chain(&it.decision) {
                assert!(
                    !p.text.contains(bad),
                    "item {n} part holds {bad:?}: {:?}",
                    p.text
                );
            }
        }
    }
    // whole texts: the link that followed them on their lines is gone
    assert_parts(
        &item(&doc, "32").resolutions,
        &[""],
        &["That planning permission be granted subject to the conditions in the report."],
        "32",
    );
    assert!(item(&doc, "32").resolutions[0]
        .text
        .ends_with("in the report."));
    assert_parts(
        &item(&doc, "34").resolutions,
        &[""],
        &["That the allocation of £48,500 towards the Mill Lane play area be approved."],
        "34",
    );
    assert!(item(&doc, "34").resolutions[0]
        .text
        .ends_with("be approved."));
    for n in ["31", "33"] {
        assert_nothing_decided(item(&doc, n), n);
    }
    assert_amounts(&doc, &["48500"], "GBP");
}

#[test]
fn moderngov_issue_decisions_two() {
    let doc = fixture!("moderngov_issue_decisions_two.txt");
    assert_eq!(doc.kind, Kind::Decision);
    assert_eq!(doc.title.as_deref(), Some("Library Service Review"));
    assert_eq!(doc.meetings.len(), 2, "one meeting per decision");
    let (cabinet, scrutiny) = (&doc.meetings[0], &doc.meetings[1]);
    assert_meeting(cabinet, Some("2021-07-15"), Some("Cabinet"));
    assert_meeting(
        scrutiny,
        Some("2021-06-24"),
        Some("Communities Scrutiny Committee"),
    );
    assert_eq!(cabinet.items.len(), 1);
    assert_eq!(scrutiny.items.len(), 1);
    assert_parts(
        decided(&cabinet.items[0]),
        &["a", "b"],
        &[
            "That the new library service model",
            "That £350,000 be released",
        ],
        "Cabinet's decision",
    );
    let rec = &scrutiny.items[0];
    assert_nothing_decided(rec, "the committee only recommended");
    assert_parts(
        &rec.recommendations,
        &[""],
        &["the new library service model be approved, subject to a review"],
        "the committee's recommendation",
    );
    assert!(
        rec.attachments
            .iter()
            .any(|a| a.title.as_deref() == Some("Library Service Review report")),
        "the bullet under Accompanying Documents is a document"
    );
    for m in &doc.meetings {
        assert!(m.items[0].votes.is_empty());
    }
    assert!(
        doc.diagnostics.iter().all(|d| d.code != "cut-off"),
        "a document list is no cut-off sentence: {:?}",
        doc.diagnostics
    );
    assert_amounts(&doc, &["350000"], "GBP");
}

#[test]
fn irish_municipal_minutes() {
    let doc = fixture!("irish_municipal_minutes.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    assert_title_starts(
        &doc,
        "MINUTES OF THE MONTHLY MEETING OF BALLYMORE MUNICIPAL DISTRICT",
    );
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2019-09-09"), Some("Ballymore Municipal District"));
    assert_people(
        &m.attendance.present,
        &["Kavanagh", "Doyle", "Walsh", "Brennan"],
        "present",
    );
    assert!(
        m.attendance
            .present
            .iter()
            .all(|p| !p.name.ends_with(" and")),
        "{:?}",
        names(&m.attendance.present)
    );
    assert_eq!(numbers(m), ["449/2019", "450/2019", "451/2019"]);
    let expected = [
        ("449/2019", "That the minutes of the monthly meeting"),
        ("450/2019", "That Ballymore Municipal District approve"),
        ("451/2019", "That the General Municipal Allocation"),
    ];
    for (n, text) in expected {
        let it = item(&doc, n);
        assert_parts(&it.resolutions, &[""], &[text], n);
        let v = only_vote(it, n);
        assert_eq!(v.result, Some(Carried), "{n}");
    }
    assert_amounts(&doc, &["1245000", "85000"], "EUR");
}

#[test]
fn township_lettered_items() {
    let doc = fixture!("township_lettered_items.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    let m = only_meeting(&doc);
    assert_eq!(date(m).as_deref(), Some("2025-05-06"));
    assert_eq!(numbers(m), ["A", "B", "C", "D"]);
    assert_parts(
        &item(&doc, "A").resolutions,
        &[""],
        &["to approve the purchase of a pumper truck"],
        "A",
    );
    assert_parts(
        &item(&doc, "B").resolutions,
        &[""],
        &["to adopt the 2025-26 fee schedule"],
        "B",
    );
    assert_eq!(
        for_against_result(only_vote(item(&doc, "A"), "A")),
        (Some(5), Some(0), Some(Carried))
    );
    assert_eq!(
        for_against_result(only_vote(item(&doc, "B"), "B")),
        (Some(4), Some(1), Some(Carried))
    );
    for n in ["C", "D"] {
        assert_nothing_decided(item(&doc, n), n);
    }
    assert_amounts(&doc, &["486250"], "USD");
}

#[test]
fn printed_concerns_page_break() {
    let doc = fixture!("printed_concerns_page_break.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    assert_eq!(doc.title.as_deref(), Some("Minutes of the Cabinet"));
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2025-01-30"), Some("Cabinet"));
    let it = item(&doc, "12");
    let concerns: Vec<String> = it.concerns.iter().map(|c| norm(&c.text)).collect();
    assert_eq!(concerns.len(), 3, "{concerns:#?}");
    assert!(
        concerns[0].starts_with("Members thanked the finance team")
            && concerns[0].ends_with("which had shaped the savings proposals."),
        "the first point runs on over the page break: {:?}",
        concerns[0]
    );
    assert!(
        concerns[1].starts_with("Concerns were expressed about the pressures"),
        "{:?}",
        concerns[1]
    );
    assert!(
        concerns[2].contains("Northshire, 15%")
            && concerns[2].ends_with("manage its finances prudently."),
        "the third point holds its sub-list and the paragraph under it: {:?}",
        concerns[2]
    );
    assert_parts(
        &it.resolutions,
        &[""],
        &["the draft budget be endorsed"],
        "12",
    );
    assert_amounts(&doc, &["58600000"], "GBP");
}

#[test]
fn moderngov_decisions_and_minutes() {
    let doc = fixture!("moderngov_decisions_and_minutes.txt");
    assert_eq!(doc.kind, Kind::Minutes);
    let m = only_meeting(&doc);
    assert_meeting(m, Some("2020-07-14"), Some("Planning Committee"));
    assert_eq!(numbers(m), ["14", "15", "16"]);
    let refusal = "That planning permission be refused for the reasons set out in the report.";
    let it = item(&doc, "14");
    assert_parts(&it.decision, &[""], &[refusal], "14's Decision: block");
    assert_eq!(
        norm(&it.decision[0].text),
        refusal,
        "the block ends at Minutes:"
    );
    assert_parts(&it.resolutions, &[""], &[refusal], "14's RESOLVED");
    assert_eq!(tuples(it), [(Some(8), Some(2), Some(1), Some(Carried))]);
    let it = item(&doc, "15");
    let texts = [
        "That the contribution of £125,000",
        "That the Head of Planning",
    ];
    assert_parts(&it.decision, &["a", "b"], &texts, "15's Decision: block");
    assert_parts(&it.resolutions, &["a", "b"], &texts, "15's RESOLVED");
    assert_parts(
        &item(&doc, "16").resolutions,
        &[""],
        &["The report was noted."],
        "16",
    );
    assert_amounts(&doc, &["125000"], "GBP");
}
