//! The Content-Security-Policy of every answer. Scripts run only from this site or, for
//! the few the page carries inline (the app's start, the offline script, Leptos's own
//! resource data), with the nonce drawn for that page; nothing may frame the app.

/// The policy, with `nonce` for a rendered page; without, for everything else (the
/// offline page, the service worker, API answers), which carries no inline script.
pub fn policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    // 'wasm-unsafe-eval' lets the page compile the app's WebAssembly, and nothing else:
    // it does not allow eval() of text.
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; \
         worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn scripts_need_this_site_or_the_nonce() {
        let p = super::policy(Some("abc"));
        let script = p
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert_eq!(script, "script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'");
        assert!(!p.contains("unsafe-inline"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!super::policy(None).contains("nonce"));
    }
}
