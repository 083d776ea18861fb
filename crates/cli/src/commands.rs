//! The subcommands, each a few calls into flightdeck-core.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flightdeck_core::chart::{Format, Size};
use flightdeck_core::edit::parse_edit;
use flightdeck_core::model::Pack;
use flightdeck_core::pack;
use flightdeck_core::store::{self, OnLoaded};
use flightdeck_core::synthetic::{self, Sizes};
use flightdeck_core::{Error, Result, Store, files};

use crate::{Backups, Cli, Command, Db, Export, registers};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Validate { packs } => Ok(validate(&packs)),
        Command::Import {
            pack,
            replace,
            keep_both,
        } => {
            let on = match (replace, keep_both) {
                (true, _) => OnLoaded::Replace,
                (_, true) => OnLoaded::KeepBoth,
                _ => OnLoaded::Refuse,
            };
            let id = open(cli.db)?.import_file_as(&pack, on)?;
            println!("{id}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Xapi(command) => crate::xapi::run(cli.db, command),
        Command::List => {
            for p in open_to_read(cli.db)?.programs()? {
                println!("{}\t{}\t{}\t{}", p.id, p.slug, p.industry, p.name);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { program } => {
            let store = open_to_read(cli.db)?;
            let id = store.find_program(&program)?;
            print!("{}", crate::show::report(&store, id)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(Export::Pack { program, out }) => {
            let store = open_to_read(cli.db)?;
            write_pack(&store.load(store.find_program(&program)?)?, &out)
        }
        Command::Export(Export::Csv {
            program,
            what,
            out,
            bom,
        }) => {
            let store = open_to_read(cli.db)?;
            store.export_csv(store.find_program(&program)?, &what, bom, &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(Export::Png {
            program,
            chart,
            out,
            width,
            height,
        }) => {
            let size = width.zip(height).or(width.map(|w| (w, w * 9 / 16)));
            export_chart(cli.db, &program, &chart, &out, size)
        }
        Command::Export(Export::Report { program, out }) => {
            export_chart(cli.db, &program, "report", &out, None)
        }
        Command::Edit { program, edit } => {
            let value: serde_json::Value = serde_json::from_str(&edit).map_err(|e| {
                Error::Invalid(vec![flightdeck_core::pack::Problem::at_path(
                    "",
                    "",
                    format!("the edit is not JSON: {e}"),
                )])
            })?;
            let edit = parse_edit(&value)?;
            registers::act(cli.db, &program, |store, id| store.apply(id, &edit))
        }
        Command::Items(args) => registers::items(cli.db, args, cli.json),
        Command::History { program } => registers::history(cli.db, &program),
        Command::Undo { program } => replay(cli.db, &program, true),
        Command::Redo { program } => replay(cli.db, &program, false),
        Command::Remove { program } => {
            let mut store = open(cli.db)?;
            let id = store.find_program(&program)?;
            store.remove_program(id)?;
            println!("removed {program}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Reset { program } => {
            registers::act(cli.db, &program, |store, id| store.reset_program(id))
        }
        Command::Record(args) => registers::record(cli.db, args),
        Command::Log(args) => registers::log(cli.db, args),
        Command::Realise { program, risk } => {
            registers::act(cli.db, &program, |store, id| store.realise_risk(id, &risk))
        }
        Command::Rebaseline { program, milestone } => {
            registers::act(cli.db, &program, |store, id| {
                store.rebaseline(id, milestone.as_deref())
            })
        }
        Command::Progress(args) => registers::progress(cli.db, args),
        Command::Practice(command) => crate::practice::run(cli.db, command, cli.json),
        Command::Attempt(command) => crate::practice::attempt(cli.db, command),
        Command::Grade { pack, files, out } => crate::practice::grade(&pack, &files, &out),
        Command::Backups(command) => backups(cli.db, command),
        Command::GenPack {
            history_years: Some(years),
            out,
            ..
        } => write_pack(&synthetic::long_program(years), &out),
        Command::GenPack { sizes: n, out, .. } => {
            let sizes = Sizes {
                milestones: n.milestones,
                risks: n.risks,
                stakeholders: n.stakeholders,
                communications: n.communications,
                kpis: n.kpis,
                points: n.points,
            };
            write_pack(&synthetic::pack(sizes), &out)
        }
    }
}

/// The database's path: `--db`, else the app's own, in the app-data folder, which is moved
/// first from where 0.2.0 and earlier builds kept it.
fn database_path(db: &Db) -> Result<PathBuf> {
    if let Some(path) = &db.path {
        return Ok(path.clone());
    }
    let path = files::database_path(None)
        .ok_or_else(|| Error::Conflict("no database: pass --db PATH".into()))?;
    if let Some(folder) = path.parent()
        && let Some(former) = files::adopt_former_folder(folder)?
    {
        eprintln!("moved {} to {}", former.display(), folder.display());
    }
    Ok(path)
}

fn backups(db: Db, command: Backups) -> Result<ExitCode> {
    let path = database_path(&db)?;
    match command {
        Backups::List => {
            for b in store::list_backups(&path)? {
                println!(
                    "{}\t{}\t{}\t{} programs\t{} KB",
                    b.name,
                    b.taken,
                    b.reason,
                    b.programs,
                    b.bytes.div_ceil(1024)
                );
            }
        }
        Backups::Restore { name } => {
            let restored = Store::restore_at(&path, &name)?;
            println!(
                "restored {name}: {} programs; the database it replaced was kept",
                restored.programs()?.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the database for a command that only reads: as [`open`] does, or, where it cannot
/// be written (a read-only folder, a full disk), read-only.
pub fn open_to_read(db: Db) -> Result<Store> {
    let path = database_path(&db)?;
    match open(db) {
        Err(e) if e.cannot_write() && path.is_file() => Store::open_read_only(&path),
        other => other,
    }
}

/// Opens the database. The app's own (no `--db`) is made where it belongs, folder and all, as
/// the app does; a `--db` path whose folder does not exist is refused, unless `--create`, so a
/// mistyped path never leaves an empty database somewhere.
pub fn open(db: Db) -> Result<Store> {
    let path = database_path(&db)?;
    if db.path.is_none() || db.create {
        return Store::create(&path);
    }
    if let Some(folder) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        return Err(Error::not_found(
            "folder",
            format!(
                "{} (for --db {}): check the path, or pass --create to make it",
                folder.display(),
                path.display()
            ),
        ));
    }
    Store::open(&path)
}

/// Writes the pack as JSON when the file ends in `.json`, else as TOML.
fn write_pack(pack: &Pack, out: &Path) -> Result<ExitCode> {
    pack::write_file(pack, out)?;
    Ok(ExitCode::SUCCESS)
}

/// A chart as PNG, or as SVG when the file ends in `.svg`.
fn export_chart(
    db: Db,
    program: &str,
    chart: &str,
    out: &Path,
    size: Option<(u32, u32)>,
) -> Result<ExitCode> {
    let store = open_to_read(db)?;
    let id = store.find_program(program)?;
    let size = size.map(|(w, h)| Size::new(w, h)).transpose()?;
    let svg = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if svg {
        files::write_atomically(out, &store.chart(id, chart)?.file(size, Format::Svg)?)?;
    } else {
        store.export_chart_png(id, chart, size, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn replay(db: Db, program: &str, undo: bool) -> Result<ExitCode> {
    let mut store = open(db)?;
    let id = store.find_program(program)?;
    let done = if undo {
        store.undo(id)?
    } else {
        store.redo(id)?
    };
    match done {
        Some(action) => println!("{}", registers::line(&action)),
        None => println!("nothing to {}", if undo { "undo" } else { "redo" }),
    }
    Ok(ExitCode::SUCCESS)
}

/// Validates each file; every problem goes to stderr, `ok` per good file to stdout.
fn validate(paths: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        match pack::read_file(path) {
            Ok(_) => println!("{}: ok", path.display()),
            Err(e) => {
                failed = true;
                eprintln!("{}", describe(path, &e));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn describe(path: &Path, e: &Error) -> String {
    match e {
        Error::Invalid(_) => e.to_string(),
        _ => format!("{}: {e}", path.display()),
    }
}
