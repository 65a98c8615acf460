//! The record form: the fields of one kind, laid out for one thumb. Once the app runs, a
//! new record or an edit is checked and saved on the phone first (offline or not) and
//! sent by the sync; an edit that meets another change on the server waits for its author
//! to choose. Before the wasm arrives it is a plain HTML form posted to the server.

use super::photos::{PhotoPicker, PhotoQueue};
use super::{use_lang, FieldMessage};
use crate::api::log::SaveRecord;
use crate::domain::category::{Category, CategoryDomain};
use crate::domain::records::form::{RecordForm, ACTIONS};
use crate::domain::records::RecordKind;
#[cfg(feature = "hydrate")]
use crate::domain::ErrorCode;
use crate::dto::log::{Choice, LogFormView, Person};
use crate::dto::AppError;
use crate::i18n::records::{action_label, channel_label};
use crate::i18n::Lang;
use crate::offline::outbox::Entry;
use leptos::prelude::*;

type Errors = Signal<Option<AppError>>;

fn invalid(error: Errors, field: &'static str) -> impl Fn() -> &'static str {
    move || {
        if error.get().is_some_and(|e| e.is_field(field)) {
            "true"
        } else {
            "false"
        }
    }
}

/// One labelled input. `field` is both the form key and the field errors name.
#[component]
fn Input(
    label: &'static str,
    field: &'static str,
    value: String,
    error: Errors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] errors_as: Option<&'static str>,
) -> impl IntoView {
    let err_field = errors_as.unwrap_or(field);
    let id = format!("f-{field}");
    let mode = (kind == "number").then_some("numeric");
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id name=format!("form[{field}]") type=kind value=value inputmode=mode
            min=(kind == "number").then_some("0") aria-invalid=invalid(error, err_field) />
        <FieldMessage error field=err_field />
    }
}

#[component]
fn TextArea(
    label: &'static str,
    field: &'static str,
    value: String,
    error: Errors,
) -> impl IntoView {
    let id = format!("f-{field}");
    view! {
        <label for=id.clone()>{label}</label>
        <textarea id=id name=format!("form[{field}]") rows="3" aria-invalid=invalid(error, field)>{value}</textarea>
        <FieldMessage error field />
    }
}

#[component]
fn Check(label: &'static str, field: &'static str, checked: String) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name=format!("form[{field}]") value="on" checked=!checked.is_empty() />
            <span>{label}</span>
        </label>
    }
}

/// Tick the members who took part; the author is ticked already.
#[component]
fn Members(
    label: &'static str,
    field: &'static str,
    members: Vec<Person>,
    chosen: Vec<String>,
    error: Errors,
) -> impl IntoView {
    view! {
        <fieldset class="choices" aria-invalid=invalid(error, field)>
            <legend>{label}</legend>
            {members.into_iter().enumerate().map(|(i, m)| {
                let on = chosen.contains(&m.id.to_string());
                view! {
                    <label class="check">
                        <input type="checkbox" name=format!("form[{field}][{i}]") value=m.id checked=on />
                        <span>{m.name}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
        <FieldMessage error field />
    }
}

#[component]
fn Categories(
    label: &'static str,
    domain: CategoryDomain,
    categories: Vec<Category>,
    value: String,
    error: Errors,
) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    view! {
        <label for="f-category">{label}</label>
        <select id="f-category" name="form[category]" aria-invalid=invalid(error, "category")>
            <option value="" selected=value.is_empty()>{r.choose}</option>
            {categories.into_iter().filter(|c| c.domain == domain).map(|c| {
                let selected = c.code == value;
                let name = c.name(lang).to_owned();
                view! { <option value=c.code selected=selected>{name}</option> }
            }).collect_view()}
        </select>
        <FieldMessage error field="category" />
    }
}

/// `fixing`: a new record the server refused or holds, shown with its reason; saving
/// replaces that entry on the phone.
#[component]
// Long on purpose: one form's view tree, read as the form reads; saving, the errors and
// the fields share its signals.
pub fn RecordFormView(view: LogFormView, #[prop(optional)] fixing: Option<Entry>) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let fixing_note = fixing.as_ref().and_then(|e| e.problem.clone()).map(|p| {
        view! { <p class="notice fixing" role="status">{r.fixing_note}" "{p.message_in(lang)}</p> }
    });
    // A rule broken on the phone, or the server's objection once it has seen the entry.
    let local_error = RwSignal::new(None::<AppError>);
    let saving = RwSignal::new(false);
    let error: Errors = local_error.into();
    let photos = PhotoQueue::new();
    let general = move || {
        error
            .get()
            .filter(|e| e.field.is_none() || e.is_field("photo"))
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    let f = view.form;
    let kind = RecordKind::parse(&f.kind).unwrap_or(RecordKind::Patrol);
    let editing = !f.version.is_empty();
    let (id, team_id, kind_code, version) =
        (f.id.clone(), f.team_id, f.kind.clone(), f.version.clone());
    let linked = linked_incidents(lang, &f.incidents, view.incidents);
    #[cfg(feature = "hydrate")]
    let author = crate::offline::outbox::Author {
        user_id: view.user_id,
        name: view.user_name.clone(),
        roster: view.members.iter().map(|m| m.id).collect(),
        categories: view.categories.clone(),
    };
    #[cfg(feature = "hydrate")]
    let keep = view.keep.clone();
    #[cfg(feature = "hydrate")]
    let navigate = leptos_router::hooks::use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use leptos::form::FromFormData;
            let Ok(SaveRecord { form }) = SaveRecord::from_event(&ev) else {
                local_error.set(Some(AppError::new(ErrorCode::InvalidJson)));
                return;
            };
            local_error.set(None);
            if saving.get_untracked() {
                return;
            }
            saving.set(true);
            let author = author.clone();
            let keep = editing.then(|| keep.clone());
            let replaces = fixing.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                use crate::offline::save::{await_sent, save_form, Sent};
                match save_form(&form, &author, keep.as_ref(), replaces.as_ref(), photos).await {
                    Ok(entry) => match await_sent(&entry.id).await {
                        Sent::Stored => {
                            photos.clear();
                            navigate(&format!("/records/{}", entry.record_id), Default::default());
                        }
                        Sent::Later => {
                            photos.clear();
                            let feed = format!("/teams/{}/records", form.team_id);
                            // Offline, the screen comes whole from the service worker.
                            match web_sys::window().filter(|w| !w.navigator().on_line()) {
                                Some(w) => {
                                    let _ = w.location().assign(&feed);
                                }
                                None => navigate(&feed, Default::default()),
                            }
                        }
                        Sent::Refused(e) => local_error.set(Some(e)),
                    },
                    Err(e) => local_error.set(Some(e)),
                }
                saving.set(false);
            });
        }
    };
    // A tip's informant is asked of whoever logs it, and shown to whoever may see it; a
    // leader correcting a member's tip sees no empty fields that would say nothing.
    let show_informant = !editing || view.keep.informant_visible;
    let fields = fields(
        lang,
        kind,
        f,
        view.members,
        view.categories,
        error,
        show_informant,
    );
    let action = <SaveRecord as leptos::server_fn::ServerFn>::url();
    view! {
        {fixing_note}
        {general}
        <form method="post" action=action class="form record-form"
            novalidate=true data-kind=kind.as_str() on:submit=on_submit>
            <input type="hidden" name="form[id]" value=id />
            <input type="hidden" name="form[team_id]" value=team_id />
            <input type="hidden" name="form[kind]" value=kind_code />
            <input type="hidden" name="form[version]" value=version />
            <FieldMessage error field="id" />
            {fields}
            {linked}
            <FieldMessage error field="incidents" />
            <PhotoPicker queue=photos />
            <button type="submit" class="primary big"
                disabled=move || saving.get() || photos.busy()>
                {move || if photos.busy() { r.sending_photos } else if editing { r.save_changes } else { r.save_record }}
            </button>
        </form>
    }
}

/// A patrol names the team's incidents it dealt with (none offered for other kinds).
fn linked_incidents(
    lang: Lang,
    chosen: &[String],
    incidents: Vec<Choice>,
) -> Option<impl IntoView> {
    let r = lang.records();
    (!incidents.is_empty()).then(|| {
        let boxes = incidents
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let on = chosen.contains(&c.id);
                view! {
                    <label class="check">
                        <input type="checkbox" name=format!("form[incidents][{i}]") value=c.id checked=on />
                        <span>{c.label}</span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="choices">
                <legend>{r.linked_incidents}</legend>
                {boxes}
            </fieldset>
        }
    })
}

/// The incident's GPS point: taken on request, shown, and posted with the form.
#[component]
fn HerePoint(lat: String, lon: String) -> impl IntoView {
    let r = use_lang().records();
    let lat = RwSignal::new(lat);
    let lon = RwSignal::new(lon);
    let note = RwSignal::new(None::<&'static str>);
    let take = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use crate::browser::gps::{current, GpsProblem};
            note.set(Some(r.locating));
            current(
                move |la, lo| {
                    lat.set(format!("{la:.6}"));
                    lon.set(format!("{lo:.6}"));
                    note.set(None);
                },
                move |p| {
                    note.set(Some(if p == GpsProblem::Denied {
                        r.gps_denied
                    } else {
                        r.gps_unavailable
                    }))
                },
            );
        }
    };
    let shown = move || {
        let (la, lo) = (lat.get(), lon.get());
        (!la.is_empty()).then(|| format!("{}: {la}, {lo}", r.gps_point))
    };
    view! {
        <input type="hidden" name="form[lat]" prop:value=move || lat.get() />
        <input type="hidden" name="form[lon]" prop:value=move || lon.get() />
        <div class="here">
            <button type="button" class="secondary" on:click=take>{r.take_point}</button>
            <span class="small muted" data-gps-point>{shown}</span>
            <span class="small">{move || note.get()}</span>
        </div>
    }
}

// Long on purpose: one arm per record kind, each the inputs of that kind in the order
// the form shows them.
fn fields(
    lang: Lang,
    kind: RecordKind,
    f: RecordForm,
    members: Vec<Person>,
    categories: Vec<Category>,
    error: Errors,
    show_informant: bool,
) -> AnyView {
    let r = lang.records();
    match kind {
        RecordKind::Patrol => view! {
            <Input label=r.started_at field="started_at" value=f.started_at error kind="datetime-local" />
            <Input label=r.ended_at field="ended_at" value=f.ended_at error kind="datetime-local" />
            <Members label=r.participants field="participants" members chosen=f.participants error />
            <Input label=r.area field="area" value=f.area error />
            <TextArea label=r.observations field="observations" value=f.observations error />
            <Check label=r.mobilised field="mobilised" checked=f.mobilised />
            <input type="hidden" name="form[track]" value=f.track />
        }
        .into_any(),
        RecordKind::Incident => {
            let actions = ACTIONS
                .iter()
                .enumerate()
                .map(|(i, (a, code))| {
                    let on = f.actions.iter().any(|x| x == code);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("form[actions][{i}]") value=*code checked=on />
                            <span>{action_label(lang, *a)}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <Categories label=r.category domain=CategoryDomain::Incident categories value=f.category error />
                <Input label=r.occurred_at field="occurred_at" value=f.occurred_at error kind="datetime-local" />
                <Input label=r.location field="location" value=f.location error />
                <HerePoint lat=f.lat lon=f.lon />
                <Input label=r.learned_at field="learned_at" value=f.learned_at error kind="datetime-local" />
                <Input label=r.arrived_at field="arrived_at" value=f.arrived_at error kind="datetime-local" />
                <Check label=r.not_present field="not_present" checked=f.not_present />
                <Check label=r.mobilised field="mobilised" checked=f.mobilised />
                <fieldset class="choices">
                    <legend>{r.actions}</legend>
                    {actions}
                </fieldset>
                <FieldMessage error field="actions" />
                <TextArea label=r.outcome field="outcome" value=f.outcome error />
            }
            .into_any()
        }
        RecordKind::TipOff => {
            let channels = ["in_person", "phone_call", "message", "public_form"]
                .into_iter()
                .map(|c| {
                    let selected = f.channel == c;
                    view! { <option value=c selected=selected>{channel_label(lang, c)}</option> }
                })
                .collect_view();
            view! {
                <Input label=r.received_at field="received_at" value=f.received_at error kind="datetime-local" />
                <label for="f-channel">{r.channel}</label>
                <select id="f-channel" name="form[channel]">{channels}</select>
                <FieldMessage error field="channel" />
                <Categories label=r.category domain=CategoryDomain::Tip categories value=f.category error />
                <TextArea label=r.content field="content" value=f.content error />
                {show_informant.then(|| view! {
                    <fieldset class="private">
                        <legend>{r.informant}</legend>
                        <p class="muted small">{r.informant_hint}</p>
                        <Input label=r.informant_name field="informant_name" value=f.informant_name.clone() error />
                        <Input label=r.informant_phone field="informant_phone" value=f.informant_phone.clone() error kind="tel" />
                    </fieldset>
                })}
                <Input label=r.forwarded_at field="forwarded_at" value=f.forwarded_at error kind="datetime-local" />
            }
            .into_any()
        }
        RecordKind::GoodDeed => {
            let commended = members
                .iter()
                .map(|m| {
                    let selected = f.commended_member == m.id.to_string();
                    view! { <option value=m.id selected=selected>{m.name.clone()}</option> }
                })
                .collect_view();
            view! {
                <Input label=r.date field="date" value=f.date error kind="date" />
                <TextArea label=r.deed field="description" value=f.description error />
                <Members label=r.participants field="members" members chosen=f.members error />
                <Input label=r.beneficiary field="beneficiary" value=f.beneficiary error />
                <label for="f-commended_member">{r.commended_member}</label>
                <select id="f-commended_member" name="form[commended_member]">
                    <option value="">{r.nobody}</option>
                    {commended}
                </select>
                <FieldMessage error field="commendation" />
                <Input label=r.commended_by field="commended_by" value=f.commended_by error />
            }
            .into_any()
        }
        _ => view! {
            <Input label=r.date field="date" value=f.date.clone() error kind="date" />
            {activity_fields(lang, kind, f.clone(), members, error)}
            <TextArea label=r.notes field="notes" value=f.notes error />
        }
        .into_any(),
    }
}

fn activity_fields(
    lang: Lang,
    kind: RecordKind,
    f: RecordForm,
    members: Vec<Person>,
    error: Errors,
) -> AnyView {
    let r = lang.records();
    match kind {
        RecordKind::Mediation => view! {
            <Input label=r.parties field="parties" value=f.parties error kind="number" />
            <Check label=r.resolved field="resolved" checked=f.resolved />
        }
        .into_any(),
        RecordKind::Awareness => view! {
            <Input label=r.topic field="topic" value=f.topic error />
            <Input label=r.attendee_count field="attendee_count" errors_as="attendees" value=f.attendee_count error kind="number" />
        }
        .into_any(),
        RecordKind::HouseholdInfo => view! {
            <Input label=r.gathered field="gathered" value=f.gathered error kind="number" />
            <Input label=r.passed_to_police field="passed_to_police" value=f.passed_to_police error kind="number" />
        }
        .into_any(),
        RecordKind::Reintegration => view! {
            <Input label=r.person field="person" value=f.person error />
            <Check label=r.reoffended field="reoffended" checked=f.reoffended />
        }
        .into_any(),
        RecordKind::WeaponsHandIn => view! {
            <Input label=r.items field="items" value=f.items error kind="number" />
            <TextArea label=r.weapons field="description" value=f.description error />
        }
        .into_any(),
        RecordKind::BusinessCheck => view! {
            <Input label=r.business field="business" value=f.business error />
            <Check label=r.violation_found field="violation_found" checked=f.violation_found />
        }
        .into_any(),
        RecordKind::Meeting => view! {
            <Members label=r.attendees field="attendees" members chosen=f.attendees error />
            <TextArea label=r.decisions field="decisions" value=f.decisions error />
        }
        .into_any(),
        RecordKind::Model => view! {
            <Input label=r.model_name field="model_name" errors_as="name" value=f.model_name error />
            <Input label=r.recognised_by field="recognised_by" value=f.recognised_by error />
            <Check label=r.effective field="effective" checked=f.effective />
        }
        .into_any(),
        _ => view! {
            <Input label=r.topic field="topic" value=f.topic error />
            <Members label=r.attendees field="attendees" members chosen=f.attendees error />
        }
        .into_any(),
    }
}
