//! Hello world: one window, one page, and a `ready` command the page calls at its first animation
//! frame after the DOM is loaded, printing the line the cold-start benchmark waits for.

#[tauri::command]
fn ready() {
    println!("flightdeck: ready");
}

fn main() {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("hello-tauri: {e}");
        std::process::exit(1);
    }
}
