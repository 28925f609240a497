//! `polkadot`: the relay chain node of polkadot-cli, with the `rococo-local` chain built in.

fn main() {
	if let Err(error) = polkadot_cli::run() {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
