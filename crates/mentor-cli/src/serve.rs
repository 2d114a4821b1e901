//! `mentor serve`: the coordinator's pages in a browser, over the programme's store.
//! Listens on 127.0.0.1 unless `--bind` says otherwise; prints only where it listens
//! (nothing of a case is ever written to the terminal or a log).

use crate::store::{StoreArg, fail};
use crate::{Outcome, files};
use std::net::{IpAddr, SocketAddr};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// The port to listen on (0: any free port, printed at start)
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to listen on; keep 127.0.0.1 unless a reverse proxy on another machine
    /// must reach it
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Mark cookies Secure (sent over HTTPS only): use it behind a TLS reverse proxy
    #[arg(long)]
    secure_cookies: bool,
    /// Take the client's address from X-Forwarded-For (behind a reverse proxy that sets it)
    #[arg(long)]
    forwarded: bool,
    /// Show the pages as of this date instead of today (YYYY-MM-DD; for demonstrations)
    #[arg(long, value_name = "DATE", value_parser = crate::next::parse_date)]
    at: Option<chrono::NaiveDate>,
}

pub fn run(args: &Args) -> Outcome {
    let location = match args.store.location() {
        Ok(l) => l,
        Err(e) => return fail(&e),
    };
    let mut config = mentor_web::Config::new(location);
    config.secure_cookies = args.secure_cookies;
    config.trust_forwarded = args.forwarded;
    config.at = args.at;
    let address = SocketAddr::new(args.bind, args.port);
    let result = mentor_web::run(config, address, |bound| {
        outln!("mentor serve: listening on http://{bound}/ (Ctrl-C to stop)");
        if !bound.ip().is_loopback() {
            eprintln!(
                "warning: listening on {} makes the pages reachable from other machines; put a TLS reverse proxy in front (see docs/serve.md)",
                bound.ip()
            );
        }
    });
    match result {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            files::trouble(&e);
            Outcome::Trouble
        }
    }
}
