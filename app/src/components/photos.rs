//! Photos for a record: taken with the camera or picked from the gallery, shrunk on the
//! phone, shown as thumbnails, and sent once the record itself is saved.

use super::use_lang;
pub use crate::offline::photo_queue::{PhotoQueue, Queued};
use leptos::prelude::*;

#[component]
pub fn PhotoPicker(queue: PhotoQueue) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    // The inputs have no name: the photos travel separately, after the record is saved.
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(input) = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                queue.add_files(input);
            }
        }
    };
    view! {
        <fieldset class="photos">
            <legend>{r.photos}</legend>
            <div class="photo-buttons">
                <label class="button secondary">
                    <input class="visually-hidden" type="file" accept="image/*" capture="environment"
                        data-photo="camera" on:change=on_change />
                    {r.take_photo}
                </label>
                <label class="button secondary">
                    <input class="visually-hidden" type="file" accept="image/*" multiple
                        data-photo="gallery" on:change=on_change />
                    {r.pick_photo}
                </label>
            </div>
            {move || queue.problem.get().map(|e| view! {
                <p class="field-error" role="alert">{e.message_in(lang)}</p>
            })}
            <ul class="thumbs">
                {move || queue.items.get().into_iter().map(|p| {
                    let id = p.id.clone();
                    view! {
                        <li class="thumb" data-photo-id=p.id.clone()>
                            <img src=p.preview alt=r.photo_alt />
                            <span class="small muted">{format!("{} KB", p.bytes.div_ceil(1024))}</span>
                            <button type="button" class="secondary" on:click=move |_| queue.remove(&id)>
                                {r.remove_photo}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}
