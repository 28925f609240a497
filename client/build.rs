//! The chain's types are generated from `runtime/metadata.scale` by subxt's macro, which does not
//! tell cargo that it read the file: without this, new metadata would leave the client typed
//! from the old one until its own sources changed.

fn main() {
	println!("cargo:rerun-if-changed=../runtime/metadata.scale");
}
