//! The places a commune keeps (its villages and residential groups) or a province keeps
//! (its communes): a list with their dates, a form to add one, an edit to rename or
//! retire one, a tap to restore it, a merger of some into one, and each one's history.

use super::police::PoliceAccounts;
use super::roster_import::ImportRoster;
use super::team::route_id;
use crate::api::units::{
    get_unit_children, get_unit_history, AddUnit, EditUnit, MergeUnits, SplitUnit,
};
use crate::components::history::History;
use crate::components::{format_date, now, use_lang, ErrorBox, FieldMessage, Loading, Page};
use crate::domain::{iso_date, ErrorCode, OrgUnitKind};
use crate::dto::units::{UnitChildrenView, UnitEntry};
use crate::dto::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub(super) fn PlacesPage() -> impl IntoView {
    let id = route_id();
    // Bumped by every change saved on the screen, which reads the list again.
    let changed = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<String>);
    let screen = Resource::new(
        move || (id.get(), changed.get()),
        |(id, _)| get_unit_children(id),
    );
    view! {
        <Transition fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                match screen.await {
                    Ok(view) => view! { <Page signed_in=true><Places view changed notice /></Page> }.into_any(),
                    Err(e) if e.code == ErrorCode::Unauthenticated => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <Page signed_in=true><ErrorBox error=e /></Page> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The general error of a form: one that belongs to no field.
fn form_error(error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        error
            .get()
            .filter(|e| e.field.is_none() || e.is_field("kind") || e.is_field("id"))
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    }
}

#[component]
fn Places(
    view: UnitChildrenView,
    changed: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = use_lang().setup();
    let unit = view.unit;
    let add = view
        .child_kind
        .filter(|_| view.can_add)
        .map(|kind| view! { <AddPlace parent=unit.id kind changed notice /> });
    // A commune's teams are founded over its villages: the way to a new one starts here.
    let new_team = (view.can_add && unit.kind == OrgUnitKind::Commune).then(|| {
        view! { <a class="button secondary" href=format!("/units/{}/teams/new", unit.id)>{s.add_team}</a> }
    });
    // The roster of every team under the unit, for the police who keep its places.
    let roster = view.can_add.then(|| {
        view! { <a class="button secondary" href=format!("/api/v1/units/{}/roster.xlsx", unit.id) download="">{s.roster_xlsx}</a> }
    });
    // Communes merge under their province, villages under their commune.
    let open: Vec<(i64, String)> = view
        .children
        .iter()
        .filter(|c| c.active)
        .map(|c| (c.id, c.name.clone()))
        .collect();
    // A commune's villages are split under it, each into two or more.
    let split =
        (view.can_add && unit.kind == OrgUnitKind::Commune && !open.is_empty()).then(|| {
            let places = open.clone();
            view! { <SplitPlace parent=unit.id places changed notice /> }
        });
    let merge = (view.can_add && view.child_kind.is_some() && !open.is_empty())
        .then(|| view! { <MergePlaces parent=unit.id places=open changed notice /> });
    // Who signs in as the unit's police, for those who keep the unit.
    let police = (unit.can_manage
        && matches!(unit.kind, OrgUnitKind::Commune | OrgUnitKind::Province))
    .then(|| view! { <PoliceAccounts unit=unit.id kind=unit.kind /> });
    // A commune's whole roster from a file (or the downloaded one, edited).
    let import = (view.can_add && unit.kind == OrgUnitKind::Commune)
        .then(|| view! { <ImportRoster commune=unit.id /> });
    let empty = view
        .children
        .is_empty()
        .then(|| view! { <p class="muted">{s.none_yet}</p> });
    let children = view
        .children
        .into_iter()
        .map(|entry| view! { <PlaceItem entry changed notice /> })
        .collect_view();
    view! {
        <h1>{s.children_title(unit.kind)}</h1>
        <p class="lead">{unit.name}</p>
        <div class="actions">
            <a class="button secondary" href=format!("/units/{}", unit.id)>{s.back}</a>
            {new_team}
            {roster}
        </div>
        {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
        {add}
        {empty}
        <ul class="places">{children}</ul>
        {merge}
        {split}
        {import}
        {police}
    }
}

/// The first day of this month in Vietnam, as the date input writes it: mergers take
/// effect on the first of a month.
fn month_start_input() -> String {
    let today = crate::domain::local_time::local_date(now());
    iso_date::format(today - chrono::Duration::days(i64::from(chrono::Datelike::day(&today)) - 1))
}

/// Some of the units under `parent` merged into one of them or into a new one, from a
/// day; written only once confirmed, since it cannot be undone.
#[component]
fn MergePlaces(
    parent: i64,
    places: Vec<(i64, String)>,
    changed: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_lang().mergers();
    let merge = ServerAction::<MergeUnits>::new();
    let chosen = RwSignal::new(Vec::<i64>::new());
    // "new", or the id of the unit that goes on.
    let into = RwSignal::new(String::from("new"));
    let name = RwSignal::new(String::new());
    let from = RwSignal::new(month_start_input());
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(done)) = merge.value().get() {
            notice.set(Some(format!("{} {}", t.merged, done.into.name)));
            changed.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || merge.value().get().and_then(Result::err));
    // Any change to the form asks for the confirmation again.
    let edited = move || confirming.set(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        let into_id = into.get_untracked().parse::<i64>().ok();
        let unit_ids = chosen
            .get_untracked()
            .into_iter()
            .filter(|id| Some(*id) != into_id)
            .collect();
        merge.dispatch(MergeUnits {
            parent_id: parent,
            unit_ids,
            into_id,
            new_name: into_id.is_none().then(|| name.get_untracked()),
            from: from.get_untracked(),
        });
        confirming.set(false);
    };
    let boxes = places
        .iter()
        .cloned()
        .map(|(id, label)| {
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                chosen.update(|c| {
                    c.retain(|x| *x != id);
                    if on {
                        c.push(id);
                    }
                });
                edited();
            };
            view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || chosen.get().contains(&id) on:change=toggle />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    let options = places
        .into_iter()
        .map(|(id, label)| view! { <option value=id.to_string()>{label}</option> })
        .collect_view();
    view! {
        <details class="merge-places">
            <summary>{t.title}</summary>
            <p class="hint">{t.hint}</p>
            <form class="form" novalidate=true on:submit=submit>
                <fieldset>
                    <legend>{t.units}</legend>
                    {boxes}
                </fieldset>
                <FieldMessage error field="unit_ids" />
                <label for="merge-into">{t.into}</label>
                <select id="merge-into" on:change=move |ev| { into.set(event_target_value(&ev)); edited(); }>
                    <option value="new">{t.new_unit}</option>
                    {options}
                </select>
                <FieldMessage error field="into_id" />
                {move || (into.get() == "new").then(|| view! {
                    <label for="merge-name">{t.new_name}</label>
                    <input id="merge-name" autocomplete="off" prop:value=name on:input=move |ev| { name.set(event_target_value(&ev)); edited(); } />
                    <FieldMessage error field="new_name" />
                })}
                <label for="merge-from">{t.from}</label>
                <input id="merge-from" type="date" prop:value=from aria-describedby="merge-from-hint" on:input=move |ev| { from.set(event_target_value(&ev)); edited(); } />
                <p class="hint" id="merge-from-hint">{t.from_hint}</p>
                <FieldMessage error field="from" />
                {form_error(error)}
                {move || confirming.get().then(|| view! { <p class="notice" role="status">{t.confirm}</p> })}
                <button type="submit" class="primary" disabled=move || merge.pending().get()>
                    {move || if confirming.get() { t.confirm_button } else { t.button }}
                </button>
            </form>
        </details>
    }
}

/// A village or residential group split into two or more from the first day of a month,
/// written only after a second tap: it cannot be undone.
#[component]
fn SplitPlace(
    parent: i64,
    places: Vec<(i64, String)>,
    changed: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = use_lang().mergers();
    let split = ServerAction::<SplitUnit>::new();
    let first = places.first().map(|(id, _)| *id).unwrap_or_default();
    let unit = RwSignal::new(first);
    let names = RwSignal::new(String::new());
    let from = RwSignal::new(month_start_input());
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(done)) = split.value().get() {
            let parts: Vec<String> = done.parts.iter().map(|p| p.name.clone()).collect();
            notice.set(Some(format!(
                "{} {} → {}",
                t.split_done,
                done.closed,
                parts.join(", ")
            )));
            changed.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || split.value().get().and_then(Result::err));
    let edited = move || confirming.set(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        split.dispatch(SplitUnit {
            parent_id: parent,
            unit_id: unit.get_untracked(),
            names: names.get_untracked(),
            from: from.get_untracked(),
        });
        confirming.set(false);
    };
    let options = places
        .into_iter()
        .map(|(id, label)| view! { <option value=id.to_string()>{label}</option> })
        .collect_view();
    view! {
        <details class="split-place">
            <summary>{t.split_title}</summary>
            <p class="hint">{t.split_hint}</p>
            <form class="form" novalidate=true on:submit=submit>
                <label for="split-unit">{t.split_unit}</label>
                <select id="split-unit" on:change=move |ev| { unit.set(event_target_value(&ev).parse().unwrap_or_default()); edited(); }>
                    {options}
                </select>
                <FieldMessage error field="unit_id" />
                <label for="split-names">{t.split_names}</label>
                <textarea id="split-names" rows="3" prop:value=names on:input=move |ev| { names.set(event_target_value(&ev)); edited(); }></textarea>
                <FieldMessage error field="names" />
                <label for="split-from">{t.from}</label>
                <input id="split-from" type="date" prop:value=from aria-describedby="split-from-hint" on:input=move |ev| { from.set(event_target_value(&ev)); edited(); } />
                <p class="hint" id="split-from-hint">{t.from_hint}</p>
                <FieldMessage error field="from" />
                {form_error(error)}
                {move || confirming.get().then(|| view! { <p class="notice" role="status">{t.split_confirm}</p> })}
                <button type="submit" class="primary" disabled=move || split.pending().get()>
                    {move || if confirming.get() { t.split_confirm_button } else { t.split_button }}
                </button>
            </form>
        </details>
    }
}

/// Today in Vietnam as the date input writes it.
fn today_input() -> String {
    iso_date::format(crate::domain::local_time::local_date(now()))
}

#[component]
fn AddPlace(
    parent: i64,
    kind: OrgUnitKind,
    changed: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = use_lang().setup();
    let add = ServerAction::<AddUnit>::new();
    Effect::new(move |_| {
        if let Some(Ok(entry)) = add.value().get() {
            notice.set(Some(format!("{} {}", s.added, entry.name)));
            changed.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let (title, hint) = match kind {
        OrgUnitKind::Village => (s.add_village, s.village_name_hint),
        _ => (s.add_commune, s.commune_name_hint),
    };
    view! {
        <section class="add-place">
            <h2>{title}</h2>
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <input type="hidden" name="parent_id" value=parent />
                <input type="hidden" name="kind" value=kind.as_str() />
                <label for="new-place-name">{s.name}</label>
                <input id="new-place-name" name="name" placeholder=hint autocomplete="off" />
                <FieldMessage error field="name" />
                <label for="new-place-from">{s.valid_from}</label>
                <input id="new-place-from" name="valid_from" type="date" value=today_input() />
                <FieldMessage error field="valid_from" />
                {form_error(error)}
                <button type="submit" class="primary" disabled=move || add.pending().get()>{s.add}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PlaceItem(
    entry: UnitEntry,
    changed: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = use_lang().setup();
    let editing = RwSignal::new(false);
    let history = RwSignal::new(false);
    let edit = ServerAction::<EditUnit>::new();
    Effect::new(move |_| {
        if let Some(Ok(entry)) = edit.value().get() {
            notice.set(Some(format!("{} {}", s.saved, entry.name)));
            changed.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || edit.value().get().and_then(Result::err));
    let dates = match entry.valid_to {
        Some(to) => format!(
            "{} {} · {} {}",
            s.active_since,
            format_date(entry.valid_from),
            s.closed_on,
            format_date(to)
        ),
        None => format!("{} {}", s.active_since, format_date(entry.valid_from)),
    };
    let id = entry.id;
    let from = iso_date::format(entry.valid_from);
    // A retired place comes back with one tap, its name and first day as they were.
    let restore = (entry.can_manage && entry.valid_to.is_some()).then(|| {
        let (name, from) = (entry.name.clone(), from.clone());
        view! {
            <ActionForm action=edit attr:class="inline">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="name" value=name />
                <input type="hidden" name="valid_from" value=from />
                <button type="submit" class="secondary">{s.restore}</button>
            </ActionForm>
        }
    });
    let name = entry.name.clone();
    let (kind, remote) = (entry.kind, entry.remote);
    let to = entry.valid_to.map(iso_date::format).unwrap_or_default();
    let edit_form = move || {
        editing.get().then(|| {
            let (name, from, to) = (name.clone(), from.clone(), to.clone());
            view! {
                <ActionForm action=edit attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="id" value=id />
                    <label for=format!("place-{id}-name")>{s.name}</label>
                    <input id=format!("place-{id}-name") name="name" value=name autocomplete="off" />
                    <FieldMessage error field="name" />
                    <label for=format!("place-{id}-from")>{s.valid_from}</label>
                    <input id=format!("place-{id}-from") name="valid_from" type="date" value=from />
                    <FieldMessage error field="valid_from" />
                    <label for=format!("place-{id}-to")>{s.valid_to}</label>
                    <input id=format!("place-{id}-to") name="valid_to" type="date" value=to aria-describedby=format!("place-{id}-to-hint") />
                    <p class="hint" id=format!("place-{id}-to-hint")>{s.valid_to_hint}</p>
                    <FieldMessage error field="valid_to" />
                    {(kind == OrgUnitKind::Commune).then(|| view! {
                        <input type="hidden" name="remote_shown" value="1" />
                        <label class="check">
                            <input type="checkbox" name="remote" value="on" checked=remote />
                            <span>{s.remote}</span>
                        </label>
                    })}
                    {form_error(error)}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || edit.pending().get()>{s.save}</button>
                        <button type="button" class="secondary" on:click=move |_| editing.set(false)>{s.cancel}</button>
                    </div>
                </ActionForm>
            }
        })
    };
    // A commune's own places, and its police accounts, are a tap away for its province.
    let open = (kind == OrgUnitKind::Commune).then(|| {
        view! { <a class="button secondary" href=format!("/units/{id}/places")>{s.villages_title}</a> }
    });
    let manage = entry.can_manage.then(|| {
        view! {
            <div class="actions">
                {open}
                <button type="button" class="secondary" on:click=move |_| editing.update(|e| *e = !*e)>{s.edit}</button>
                {restore}
            </div>
        }
    });
    view! {
        <li class="place card" data-active=entry.active.to_string()>
            <h3>{entry.name.clone()}</h3>
            <p class="muted">{dates}</p>
            {manage}
            {edit_form}
            <button type="button" class="link" aria-expanded=move || history.get().to_string() on:click=move |_| history.update(|h| *h = !*h)>{s.history}</button>
            {move || history.get().then(|| view! { <History id saved=changed fetch=get_unit_history /> })}
        </li>
    }
}
