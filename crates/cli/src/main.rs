fn main() -> std::process::ExitCode {
    flightdeck_cli::run()
}
