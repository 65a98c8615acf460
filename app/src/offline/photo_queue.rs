//! The photos waiting to be sent with the record being written: shrunk on the phone,
//! held until the record is saved.

#[cfg(feature = "hydrate")]
use crate::domain::ErrorCode;
use crate::dto::AppError;
use leptos::prelude::*;

/// A photo waiting to be sent with the record being written.
#[derive(Clone)]
pub struct Queued {
    pub id: String,
    pub preview: String,
    pub bytes: u32,
    #[cfg(feature = "hydrate")]
    blob: web_sys::Blob,
}

// A browser photo holds a `Blob`, which stays on its thread. On the server the queue is
// always empty, and a thread-bound signal there would be dropped by whichever worker
// thread finishes the render, which panics.
#[cfg(feature = "hydrate")]
type QueueStorage = LocalStorage;
#[cfg(not(feature = "hydrate"))]
type QueueStorage = SyncStorage;

#[derive(Clone, Copy)]
pub struct PhotoQueue {
    pub(crate) items: RwSignal<Vec<Queued>, QueueStorage>,
    /// Shrinking or sending is under way.
    pub(crate) working: RwSignal<bool>,
    pub(crate) problem: RwSignal<Option<AppError>>,
}

impl PhotoQueue {
    pub fn new() -> Self {
        Self {
            items: RwSignal::new_with_storage(Vec::new()),
            working: RwSignal::new(false),
            problem: RwSignal::new(None),
        }
    }

    pub fn busy(self) -> bool {
        self.working.get()
    }

    #[cfg(feature = "hydrate")]
    pub(crate) fn add_files(self, input: web_sys::HtmlInputElement) {
        let Some(files) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        input.set_value("");
        self.working.set(true);
        self.problem.set(None);
        leptos::task::spawn_local(async move {
            for file in files {
                if !file.type_().starts_with("image/") {
                    self.problem
                        .set(Some(AppError::on_field(ErrorCode::PhotoWrongType, "photo")));
                    continue;
                }
                match crate::browser::photo::shrink(&file).await {
                    Ok(blob) => {
                        let Some(id) = crate::browser::new_uuid() else {
                            continue;
                        };
                        let photo = Queued {
                            id,
                            preview: crate::browser::photo::preview_url(&blob),
                            bytes: blob.size() as u32,
                            blob,
                        };
                        self.items.update(|v| v.push(photo));
                    }
                    Err(_) => self.problem.set(Some(AppError::on_field(
                        ErrorCode::PhotoUnreadable,
                        "photo",
                    ))),
                }
            }
            self.working.set(false);
        });
    }

    /// The shrunk photos, for keeping beside a record saved on the phone.
    #[cfg(feature = "hydrate")]
    pub fn for_phone(self) -> Vec<(String, web_sys::Blob)> {
        self.items
            .get_untracked()
            .into_iter()
            .map(|p| (p.id, p.blob))
            .collect()
    }

    /// Empties the queue once its photos are kept elsewhere.
    pub fn clear(self) {
        #[cfg(feature = "hydrate")]
        for p in self.items.get_untracked() {
            crate::browser::photo::forget_preview(&p.preview);
        }
        self.items.set(Vec::new());
    }

    pub(crate) fn remove(self, id: &str) {
        #[cfg(feature = "hydrate")]
        if let Some(p) = self.items.get_untracked().iter().find(|p| p.id == id) {
            crate::browser::photo::forget_preview(&p.preview);
        }
        self.items.update(|v| v.retain(|p| p.id != id));
    }
}

impl Default for PhotoQueue {
    fn default() -> Self {
        Self::new()
    }
}
