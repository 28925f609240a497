//! `cpchain`: the command for every role on a CPChain network.

mod cli;

fn main() -> std::process::ExitCode {
	cli::main()
}
