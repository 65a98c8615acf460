//! A team's settings as the commune police keep them: the form for a new team of the
//! commune, and for an existing team's name, kind, quota, villages and founding
//! decision, with the team's history under it.

use super::team::route_id;
use crate::api::teams::{get_new_team_form, get_team_form, get_team_history, AddTeam, EditTeam};
use crate::components::history::History;
use crate::components::{framed, now, use_lang, FieldMessage, Loading, Page};
use crate::domain::{iso_date, TeamKind};
use crate::dto::teams::TeamFormView;
use crate::dto::AppError;
use leptos::prelude::*;

#[component]
pub(super) fn NewTeamPage() -> impl IntoView {
    let commune = route_id();
    let form = Resource::new(move || commune.get(), get_new_team_form);
    view! {
        <Suspense fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                framed(form.await, |f| {
                    let add = ServerAction::<AddTeam>::new();
                    let error = Signal::derive(move || add.value().get().and_then(Result::err));
                    let s = use_lang().setup();
                    let (commune_id, commune_name) = (f.commune_id, f.commune_name.clone());
                    view! {
                        <h1>{s.add_team}</h1>
                        <p class="lead">{commune_name}</p>
                        <ActionForm action=add attr:class="form" attr:novalidate=true>
                            <input type="hidden" name="commune_id" value=commune_id />
                            <TeamFormFields form=f error />
                            <button type="submit" class="primary" disabled=move || add.pending().get()>{s.add}</button>
                        </ActionForm>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
pub(super) fn TeamSettingsPage() -> impl IntoView {
    let id = route_id();
    // Bumped by each save, which reads the form and the history again; the notice lives
    // here, above the form that is drawn anew.
    let saved = RwSignal::new(0u32);
    let done = RwSignal::new(false);
    let form = Resource::new(move || (id.get(), saved.get()), |(id, _)| get_team_form(id));
    view! {
        <Transition fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                framed(form.await, |f| view! { <EditForm form=f saved done /> }.into_any())
            })}
        </Transition>
    }
}

#[component]
fn EditForm(form: TeamFormView, saved: RwSignal<u32>, done: RwSignal<bool>) -> impl IntoView {
    let s = use_lang().setup();
    let edit = ServerAction::<EditTeam>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = edit.value().get() {
            done.set(true);
            saved.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || edit.value().get().and_then(Result::err));
    let id = form.team.as_ref().map(|t| t.id).unwrap_or_default();
    let commune_name = form.commune_name.clone();
    view! {
        <h1>{s.edit_team}</h1>
        <p class="lead">{commune_name}</p>
        <a class="button secondary" href=format!("/teams/{id}")>{s.back}</a>
        {move || done.get().then(|| view! { <p class="notice" role="status">{s.saved}</p> })}
        <ActionForm action=edit attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <TeamFormFields form error />
            <button type="submit" class="primary" disabled=move || edit.pending().get()>{s.save}</button>
        </ActionForm>
        <h2>{s.history}</h2>
        <History id saved fetch=get_team_history />
    }
}

/// The fields of the team form, filled from the team when editing.
// Long on purpose: one labelled field after another, as the form reads.
#[component]
fn TeamFormFields(
    form: TeamFormView,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let s = lang.setup();
    let team = form.team.clone();
    let name = team.as_ref().map(|t| t.name.clone()).unwrap_or_default();
    let kind = team
        .as_ref()
        .map(|t| t.kind)
        .unwrap_or(TeamKind::SecurityOrder);
    let quota = team.as_ref().map(|t| t.member_quota).unwrap_or(5);
    let since = iso_date::format(
        team.as_ref()
            .map(|t| t.operating_since)
            .unwrap_or_else(|| crate::domain::local_time::local_date(now())),
    );
    let chosen = team
        .as_ref()
        .map(|t| t.village_ids.clone())
        .unwrap_or_default();
    let decision = team
        .as_ref()
        .map(|t| t.decision_no.clone())
        .unwrap_or_default();
    let decided = team
        .as_ref()
        .and_then(|t| t.decided_on)
        .map(iso_date::format)
        .unwrap_or_default();
    let general = move || {
        error
            .get()
            .filter(|e| e.field.is_none() || e.is_field("commune_id"))
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    let villages = if form.villages.is_empty() {
        view! { <p class="muted">{s.no_villages}</p> }.into_any()
    } else {
        form.villages
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let on = chosen.contains(&v.id);
                let taken = v.taken_by.map(|t| format!(" ({} {t})", s.village_taken_by));
                view! {
                    <label class="check">
                        <input type="checkbox" name=format!("team[village_ids][{i}]") value=v.id checked=on />
                        <span>{v.name}{taken}</span>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    let kind_choice = move |k: TeamKind, label: &'static str| {
        view! {
            <label class="check">
                <input type="radio" name="team[kind]" value=k.as_str() checked=kind == k />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <label for="team-name">{s.team_name}</label>
        <input id="team-name" name="team[name]" value=name placeholder=s.team_name_hint autocomplete="off" />
        <FieldMessage error field="name" />
        <fieldset class="choices">
            <legend>{s.team_kind}</legend>
            {kind_choice(TeamKind::SecurityOrder, s.kind_security_order)}
            {kind_choice(TeamKind::PeoplePatrol, s.kind_people_patrol)}
        </fieldset>
        <label for="team-quota">{s.member_quota}</label>
        <input id="team-quota" name="team[member_quota]" type="number" inputmode="numeric" min="3" max="50" value=quota aria-describedby="team-quota-hint" />
        <p class="hint" id="team-quota-hint">{s.member_quota_hint}</p>
        <FieldMessage error field="member_quota" />
        <label for="team-since">{s.operating_since}</label>
        <input id="team-since" name="team[operating_since]" type="date" value=since />
        <FieldMessage error field="operating_since" />
        <fieldset class="choices">
            <legend>{s.villages_covered}</legend>
            {villages}
        </fieldset>
        <FieldMessage error field="village_ids" />
        <label for="team-decision">{s.decision_no}</label>
        <input id="team-decision" name="team[decision_no]" value=decision autocomplete="off" />
        <FieldMessage error field="decision_no" />
        <label for="team-decided">{s.decided_on}</label>
        <input id="team-decided" name="team[decided_on]" type="date" value=decided />
        <FieldMessage error field="decided_on" />
        {general}
    }
}
