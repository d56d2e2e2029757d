//! Cycles and runaway depth in the object graph, broken before pdf-extract follows them.
//!
//! pdf-extract 0.12 recurses without a limit in two places, and a stack overflow aborts the
//! process (no `catch_unwind` contains it):
//!
//! - **the page tree.** `get_inherited` follows `/Parent` to find a page's `/Resources` and
//!   `/MediaBox`: a `/Parent` chain that loops (or is thousands of nodes long) never ends.
//!   Poppler never reads `/Parent`: it inherits attributes down the `/Kids` path from the root,
//!   and skips a kid that is one of its own ancestors ("Loop in Pages tree"). [`repair_page_tree`]
//!   does the same to the document: it walks `/Kids` from the root, drops the kids that loop
//!   back to an ancestor, gives every page its inherited `/Resources` and `/MediaBox` (US Letter
//!   when there is none, poppler's default) so that pdf-extract has nothing to look up, and
//!   points each `/Parent` at the node that holds it.
//! - **form XObjects.** `process_stream` runs a form's content on every `Do`, and a form that
//!   draws itself, directly or through other forms, recurses forever. Poppler skips a form that
//!   is already being drawn (`Gfx::formsDrawing`). [`break_form_cycles`] walks the XObject graph
//!   the way pdf-extract will (the names each content stream draws, looked up in its resources,
//!   a form without resources using its caller's) and removes each `Do` that closes a cycle or
//!   nests forms deeper than [`MAX_FORM_NESTING`], so each form is drawn once on the way down.

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Forms drawn inside forms are read down to this depth (a page's own `Do` is depth 1).
/// Real documents nest a few levels; pdf-extract uses some kilobytes of stack per level.
pub(crate) const MAX_FORM_NESTING: usize = 32;
/// `Do`s looked at per document, counted each time a form is walked again under other
/// resources; past this, a `Do` that leads to a form not walked yet is removed as if too deep,
/// which keeps the walk linear in the document's size. Real documents have a few per page.
const MAX_FORM_STEPS: usize = 2_000_000;
/// Poppler's default page size when no `/MediaBox` is found (US Letter).
const DEFAULT_MEDIA_BOX: [i64; 4] = [0, 0, 612, 792];

/// What [`repair_page_tree`] changed.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct TreeRepair {
    /// `/Kids` entries dropped because they hold an ancestor of their node.
    pub(crate) loops: usize,
    /// `/Parent` entries that named another node than the one holding the page or node (a loop
    /// among them included).
    pub(crate) wrong_parents: usize,
}

/// Inheritable attributes carried down the tree.
#[derive(Debug, Clone, Default)]
struct Inherited {
    resources: Option<Object>,
    media_box: Option<Object>,
}

/// Makes the page tree a tree (see the module doc). Fails with the message of a panic inside
/// lopdf.
pub(crate) fn repair_page_tree(doc: &mut Document) -> Result<TreeRepair, String> {
    catch_unwind(AssertUnwindSafe(|| walk_page_tree(doc)))
        .map_err(|p| crate::pdf::panic_message(&p))
}

fn walk_page_tree(doc: &mut Document) -> TreeRepair {
    let mut out = TreeRepair::default();
    let Ok(root) = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
    else {
        return out;
    };
    let root = final_id(doc, root);
    // The root has no parent: pdf-extract would follow one past it.
    if let Ok(d) = doc.get_object_mut(root).and_then(Object::as_dict_mut) {
        if d.remove(b"Parent").is_some() {
            out.wrong_parents += 1;
        }
    }
    let top = inherit(doc, root, &Inherited::default());
    let mut path: Vec<Frame> = vec![Frame {
        node: root,
        kids: kids(doc, root),
        next: 0,
        kept: Vec::new(),
        dropped: false,
        down: top,
    }];
    let mut on_path: HashSet<ObjectId> = HashSet::from([root]);
    let mut seen: HashSet<ObjectId> = HashSet::from([root]);
    while let Some(frame) = path.last_mut() {
        let Some(kid) = frame.kids.get(frame.next).cloned() else {
            if let Some(done) = path.pop() {
                on_path.remove(&done.node);
                if done.dropped {
                    set_kids(doc, done.node, done.kept);
                }
            }
            continue;
        };
        frame.next += 1;
        // lopdf's page iterator only follows kids that are references.
        let Ok(kid_ref) = kid.as_reference() else {
            frame.kept.push(kid);
            continue;
        };
        let kid_id = final_id(doc, kid_ref);
        if on_path.contains(&kid_id) {
            frame.dropped = true;
            out.loops += 1;
            continue;
        }
        frame.kept.push(kid);
        let node = frame.node;
        let inherited = frame.down.clone();
        let Ok(kind) = doc
            .get_dictionary(kid_id)
            .and_then(Dictionary::get_type)
            .map(<[u8]>::to_vec)
        else {
            continue;
        };
        let first_visit = seen.insert(kid_id);
        match kind.as_slice() {
            b"Page" if first_visit => {
                out.wrong_parents += usize::from(set_parent(doc, kid_id, node));
                fill_page(doc, kid_id, &inherited);
            }
            // A node shared by two parents (a DAG, not a loop): lopdf reads it twice, as poppler
            // does; its pages were filled in on the first visit.
            b"Pages" if first_visit => {
                out.wrong_parents += usize::from(set_parent(doc, kid_id, node));
                let down = inherit(doc, kid_id, &inherited);
                on_path.insert(kid_id);
                path.push(Frame {
                    node: kid_id,
                    kids: kids(doc, kid_id),
                    next: 0,
                    kept: Vec::new(),
                    dropped: false,
                    down,
                });
            }
            _ => {}
        }
    }
    out
}

/// A page-tree node being walked.
#[derive(Debug)]
struct Frame {
    node: ObjectId,
    kids: Vec<Object>,
    /// The next kid to walk.
    next: usize,
    /// The kids walked so far, less those that loop.
    kept: Vec<Object>,
    /// A kid that loops was left out of `kept`.
    dropped: bool,
    /// What the node passes down.
    down: Inherited,
}

/// Follows a chain of references to the object at its end (as lopdf's `get_object` does).
fn final_id(doc: &Document, id: ObjectId) -> ObjectId {
    match doc.dereference(&Object::Reference(id)) {
        Ok((Some(end), _)) => end,
        _ => id,
    }
}

/// The object at the end of a chain of references, and its id.
fn resolve(doc: &Document, id: ObjectId) -> Option<(ObjectId, &Object)> {
    let end = final_id(doc, id);
    doc.objects.get(&end).map(|o| (end, o))
}

fn kids(doc: &Document, node: ObjectId) -> Vec<Object> {
    doc.get_dictionary(node)
        .and_then(|d| d.get_deref(b"Kids", doc))
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Writes back a node's kids after a looping one was dropped (as a direct array: a shared
/// `/Kids` array object is left alone).
fn set_kids(doc: &mut Document, node: ObjectId, now: Vec<Object>) {
    if let Ok(d) = doc.get_object_mut(node).and_then(Object::as_dict_mut) {
        d.set("Kids", Object::Array(now));
    }
}

/// Points `/Parent` of `id` at `parent`; true when it named something else.
fn set_parent(doc: &mut Document, id: ObjectId, parent: ObjectId) -> bool {
    let Ok(d) = doc.get_object_mut(id).and_then(Object::as_dict_mut) else {
        return false;
    };
    let was = d.get(b"Parent").and_then(Object::as_reference).ok();
    if was == Some(parent) {
        return false;
    }
    d.set("Parent", Object::Reference(parent));
    was.is_some()
}

/// What node `id` passes down: its own attributes over `from`. An inline `/Resources`
/// dictionary is moved into an object of its own, so that pages share it by reference.
fn inherit(doc: &mut Document, id: ObjectId, from: &Inherited) -> Inherited {
    let mut out = from.clone();
    let Ok(d) = doc.get_dictionary(id) else {
        return out;
    };
    if let Ok(b) = d.get(b"MediaBox") {
        out.media_box = Some(b.clone());
    }
    match d.get(b"Resources").cloned() {
        Ok(Object::Dictionary(r)) => {
            let rid = doc.add_object(Object::Dictionary(r));
            if let Ok(d) = doc.get_object_mut(id).and_then(Object::as_dict_mut) {
                d.set("Resources", Object::Reference(rid));
            }
            out.resources = Some(Object::Reference(rid));
        }
        Ok(r) => out.resources = Some(r),
        Err(_) => {}
    }
    out
}

/// Gives a page the attributes it inherits, so that nothing is looked up through `/Parent`.
fn fill_page(doc: &mut Document, page: ObjectId, inherited: &Inherited) {
    let Ok(d) = doc.get_object_mut(page).and_then(Object::as_dict_mut) else {
        return;
    };
    if d.get(b"Resources").is_err() {
        let r = inherited
            .resources
            .clone()
            .unwrap_or_else(|| Object::Dictionary(Dictionary::new()));
        d.set("Resources", r);
    }
    if d.get(b"MediaBox").is_err() {
        let b = inherited.media_box.clone().unwrap_or_else(|| {
            Object::Array(
                DEFAULT_MEDIA_BOX
                    .iter()
                    .map(|&v| Object::Integer(v))
                    .collect(),
            )
        });
        d.set("MediaBox", b);
    }
}

/// What [`break_form_cycles`] removed.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct FormRepair {
    /// `Do` operators that drew a form already being drawn.
    pub(crate) cycles: usize,
    /// `Do` operators that would have nested forms deeper than [`MAX_FORM_NESTING`] (or past
    /// [`MAX_FORM_STEPS`]).
    pub(crate) too_deep: usize,
}

/// Removes the `Do` operators that close a cycle of forms or nest them too deep (see the module
/// doc). Runs last among the repairs, after forms were added and content rewritten. Fails with
/// the message of a panic inside lopdf.
pub(crate) fn break_form_cycles(
    doc: &mut Document,
    pages: &[(u32, ObjectId)],
) -> Result<FormRepair, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut walk = Walk {
            doc,
            dos: HashMap::new(),
            state: HashMap::new(),
            remove: BTreeMap::new(),
            steps: 0,
            out: FormRepair::default(),
        };
        for &(_, page) in pages {
            let Some(key) = page_xobjects(walk.doc, page) else {
                continue;
            };
            let dos = walk.page_dos(page);
            walk.draw(Source::Page(page), &dos, key, 0);
        }
        let Walk { remove, out, .. } = walk;
        for (source, ops) in remove {
            drop_ops(doc, source, &ops);
        }
        out
    }))
    .map_err(|p| crate::pdf::panic_message(&p))
}

/// Where the XObject dictionary that a content stream's names are looked up in lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum XKey {
    /// Object `id` is the XObject dictionary.
    Dict(ObjectId),
    /// Object `id` is a resources dictionary with an inline `/XObject`.
    InResources(ObjectId),
    /// Object `id` (a page or form) has inline `/Resources` with an inline `/XObject`.
    InOwner(ObjectId),
}

/// A content stream: a page's (all its streams joined) or an XObject's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Page(ObjectId),
    Stream(ObjectId),
}

/// One `Do`: its index among the stream's operations, and the name it draws.
type DoOp = (usize, Vec<u8>);

#[derive(Debug, Clone, Copy)]
enum Visit {
    /// Being drawn: a `Do` that reaches it closes a cycle.
    OnPath,
    /// Done: the deepest nesting below it.
    Done(usize),
}

#[derive(Debug)]
struct Walk<'d> {
    doc: &'d Document,
    /// The `Do`s of each XObject's content, decoded once.
    dos: HashMap<ObjectId, Vec<DoOp>>,
    /// Graph nodes: an XObject drawn with names looked up under a key.
    state: HashMap<(ObjectId, XKey), Visit>,
    /// Operations to remove, per content stream.
    remove: BTreeMap<Source, BTreeSet<usize>>,
    /// `Do`s looked at (see [`MAX_FORM_STEPS`]).
    steps: usize,
    out: FormRepair,
}

impl Walk<'_> {
    fn page_dos(&self, page: ObjectId) -> Vec<DoOp> {
        self.doc
            .get_page_content(page)
            .map(|c| do_ops(&c))
            .unwrap_or_default()
    }

    /// Follows the `Do`s of `source`, drawn at `depth` with names looked up under `key`; returns
    /// the deepest nesting below it.
    fn draw(&mut self, source: Source, dos: &[DoOp], key: XKey, depth: usize) -> usize {
        let mut height = 0;
        for (index, name) in dos {
            self.steps += 1;
            let Some(target) = lookup(self.doc, key, name) else {
                continue;
            };
            // pdf-extract: the form's own resources, else its caller's.
            let child = (target, own_xobjects(self.doc, target).unwrap_or(key));
            let below = match self.state.get(&child) {
                Some(Visit::OnPath) => {
                    self.remove_op(source, *index);
                    self.out.cycles += 1;
                    continue;
                }
                Some(Visit::Done(h)) => *h,
                None if depth + 1 > MAX_FORM_NESTING || self.steps > MAX_FORM_STEPS => {
                    self.remove_op(source, *index);
                    self.out.too_deep += 1;
                    continue;
                }
                None => self.visit(child, depth + 1),
            };
            if depth + 1 + below > MAX_FORM_NESTING {
                self.remove_op(source, *index);
                self.out.too_deep += 1;
                continue;
            }
            height = height.max(1 + below);
        }
        height
    }

    fn visit(&mut self, node: (ObjectId, XKey), depth: usize) -> usize {
        self.state.insert(node, Visit::OnPath);
        let dos = match self.dos.get(&node.0) {
            Some(d) => d.clone(),
            None => {
                let d = self
                    .doc
                    .get_object(node.0)
                    .and_then(Object::as_stream)
                    .map(|s| do_ops(&stream_content(s)))
                    .unwrap_or_default();
                self.dos.insert(node.0, d.clone());
                d
            }
        };
        let height = self.draw(Source::Stream(node.0), &dos, node.1, depth);
        self.state.insert(node, Visit::Done(height));
        height
    }

    fn remove_op(&mut self, source: Source, index: usize) {
        self.remove.entry(source).or_default().insert(index);
    }
}

/// A stream's content as pdf-extract reads it (`get_contents`).
fn stream_content(s: &Stream) -> Vec<u8> {
    if s.filters().is_ok() {
        s.decompressed_content()
            .unwrap_or_else(|_| s.content.clone())
    } else {
        s.content.clone()
    }
}

/// The `Do`s of a content stream, as lopdf decodes it for pdf-extract (which draws the name in
/// the first operand).
fn do_ops(content: &[u8]) -> Vec<DoOp> {
    if !has_do_token(content) {
        return Vec::new();
    }
    let Ok(decoded) = Content::decode(content) else {
        return Vec::new();
    };
    decoded
        .operations
        .iter()
        .enumerate()
        .filter(|(_, op)| op.operator == "Do")
        .filter_map(|(i, op)| Some((i, op.operands.first()?.as_name().ok()?.to_vec())))
        .collect()
}

/// Whether `Do` stands anywhere as a token of its own: lopdf cannot read a `Do` operator where
/// this is false, and decoding costs far more than this look (most pages hold no `Do` at all).
fn has_do_token(content: &[u8]) -> bool {
    let apart = |b: Option<&u8>| b.is_none_or(|&b| super::content::is_delimiter(b));
    memchr::memmem::find_iter(content, b"Do")
        .any(|at| (at == 0 || apart(content.get(at - 1))) && apart(content.get(at + 2)))
}

/// The XObject dictionary that names in `holder`'s `/Resources` are looked up in.
fn xobjects_of(doc: &Document, holder: ObjectId, resources: &Object) -> Option<XKey> {
    let (res_id, res) = match resources {
        Object::Reference(r) => {
            let (id, o) = resolve(doc, *r)?;
            (Some(id), o.as_dict().ok()?)
        }
        Object::Dictionary(d) => (None, d),
        _ => return None,
    };
    match res.get(b"XObject").ok()? {
        Object::Reference(r) => {
            let (id, o) = resolve(doc, *r)?;
            o.as_dict().ok()?;
            Some(XKey::Dict(id))
        }
        Object::Dictionary(_) => Some(match res_id {
            Some(id) => XKey::InResources(id),
            None => XKey::InOwner(holder),
        }),
        _ => None,
    }
}

/// A page's XObject dictionary, its resources inherited as pdf-extract finds them (the page tree
/// was repaired first; the walk up `/Parent` is bounded all the same).
fn page_xobjects(doc: &Document, page: ObjectId) -> Option<XKey> {
    let mut id = page;
    for _ in 0..64 {
        let d = doc.get_dictionary(id).ok()?;
        if let Ok(r) = d.get(b"Resources") {
            return xobjects_of(doc, id, r);
        }
        id = d.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

/// A form's own XObject dictionary; `None` when it has no resources of its own (it uses its
/// caller's), or resources without XObjects.
fn own_xobjects(doc: &Document, form: ObjectId) -> Option<XKey> {
    let stream = doc.get_object(form).and_then(Object::as_stream).ok()?;
    let r = stream.dict.get(b"Resources").ok()?;
    // pdf-extract falls back to the caller's only when the entry is not a dictionary.
    let is_dict = match r {
        Object::Reference(id) => doc.get_object(*id).and_then(Object::as_dict).is_ok(),
        other => other.as_dict().is_ok(),
    };
    if !is_dict {
        return None;
    }
    // Resources of its own without XObjects: pdf-extract's `Do` fails there (no recursion).
    Some(xobjects_of(doc, form, r).unwrap_or(XKey::InOwner(form)))
}

/// The XObject stream that `name` draws under `key`.
fn lookup(doc: &Document, key: XKey, name: &[u8]) -> Option<ObjectId> {
    let xobjects = match key {
        XKey::Dict(id) => doc.get_dictionary(id).ok()?,
        XKey::InResources(id) => doc
            .get_dictionary(id)
            .ok()?
            .get(b"XObject")
            .ok()?
            .as_dict()
            .ok()?,
        XKey::InOwner(id) => {
            let owner = match doc.get_object(id).ok()? {
                Object::Stream(s) => &s.dict,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            owner
                .get(b"Resources")
                .ok()?
                .as_dict()
                .ok()?
                .get(b"XObject")
                .ok()?
                .as_dict()
                .ok()?
        }
    };
    let r = xobjects.get(name).and_then(Object::as_reference).ok()?;
    let (id, o) = resolve(doc, r)?;
    o.as_stream().ok()?;
    Some(id)
}

/// Rewrites a content stream without the operations at `ops`.
fn drop_ops(doc: &mut Document, source: Source, ops: &BTreeSet<usize>) {
    let content = match source {
        Source::Page(id) => doc.get_page_content(id).ok(),
        Source::Stream(id) => doc
            .get_object(id)
            .and_then(Object::as_stream)
            .ok()
            .map(stream_content),
    };
    let Some(content) = content else {
        return;
    };
    let kept = match Content::decode(&content) {
        Ok(mut c) => {
            let mut i = 0;
            c.operations.retain(|_| {
                i += 1;
                !ops.contains(&(i - 1))
            });
            // An operation lopdf cannot write back: the stream is emptied rather than left to
            // recurse.
            c.encode().unwrap_or_default()
        }
        Err(_) => Vec::new(),
    };
    match source {
        Source::Page(id) => {
            let new = doc.add_object(Object::Stream(Stream::new(Dictionary::new(), kept)));
            if let Ok(page) = doc.get_object_mut(id).and_then(Object::as_dict_mut) {
                page.set("Contents", Object::Reference(new));
            }
        }
        Source::Stream(id) => {
            if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
                s.set_plain_content(kept);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn do_ops_name_the_first_operand() {
        let ops = do_ops(b"q /Fm1 Do Q BT (Do) Tj ET /A /B Do");
        assert_eq!(ops, [(1, b"Fm1".to_vec()), (6, b"A".to_vec())]);
        assert!(do_ops(b"BT (x) Tj ET").is_empty());
        assert!(!has_do_token(b"BT (Document) Tj ET /Dog Tf"));
        assert!(has_do_token(b"/X Do"));
        assert!(has_do_token(b"Do"));
        assert!(has_do_token(b"/X\nDo\n"));
    }
}
