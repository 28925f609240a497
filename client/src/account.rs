//! Accounts: sr25519 keys from a BIP-39 phrase or a secret URI (`//Alice`, `<phrase>//hard/soft`),
//! kept in the keystore, and amounts of CPC written as decimals.

use std::str::FromStr;

use anyhow::{anyhow, bail, Result};
use cpchain_primitives::chain::TOKEN_DECIMALS;
use serde::{Deserialize, Serialize};
pub use subxt_signer::sr25519::Keypair;
use subxt_signer::{bip39::Mnemonic, SecretUri};
use zeroize::Zeroizing;

use crate::{
	chain::AccountId32,
	keystore::{Keystore, Kind},
};

/// An account as the keystore holds it.
#[derive(Serialize, Deserialize)]
pub struct AccountFile {
	/// SS58 address (generic prefix 42), for listing without decoding the secret.
	pub address: String,
	/// A BIP-39 phrase or a secret URI.
	pub secret: String,
}

/// The key pair of a secret phrase or URI. The error never repeats the secret.
pub fn keypair(secret: &str) -> Result<Keypair> {
	let secret = secret.trim();
	if let Ok(phrase) = Mnemonic::parse(secret) {
		return Keypair::from_phrase(&phrase, None).map_err(|_| anyhow!("invalid secret phrase"));
	}
	let uri = SecretUri::from_str(secret)
		.map_err(|_| anyhow!("not a secret phrase (12 or 24 words) or a secret URI"))?;
	Keypair::from_uri(&uri).map_err(|_| anyhow!("the secret URI does not give an sr25519 key"))
}

/// The account of a key pair.
pub fn account_id(pair: &Keypair) -> AccountId32 {
	pair.public_key().to_account_id()
}

/// Makes a new account `name` with a fresh 12-word phrase. Returns the file (with the phrase).
pub fn create(store: &Keystore, name: &str) -> Result<AccountFile> {
	let phrase = Mnemonic::generate(12).map_err(|e| anyhow!("cannot make a phrase: {e}"))?;
	import(store, name, &Zeroizing::new(phrase.to_string()))
}

/// Stores the account of `secret` as `name`.
pub fn import(store: &Keystore, name: &str, secret: &str) -> Result<AccountFile> {
	let pair = keypair(secret)?;
	let file = AccountFile { address: account_id(&pair).to_string(), secret: secret.trim().into() };
	store.save(Kind::Account, name, &file, false)?;
	Ok(file)
}

/// The key pair that signs for `who`: a keystore account's name, or a dev URI such as
/// `//Alice` (for development chains; its secret is public).
pub fn signer(store: &Keystore, who: &str) -> Result<Keypair> {
	if who.starts_with("//") {
		return keypair(who);
	}
	let file: AccountFile = store.load(Kind::Account, who)?;
	keypair(&file.secret)
}

/// The account `who` names: an SS58 address, a keystore account or a dev URI.
pub fn resolve(store: &Keystore, who: &str) -> Result<AccountId32> {
	if let Ok(account) = AccountId32::from_str(who) {
		return Ok(account);
	}
	if who.starts_with("//") || store.contains(Kind::Account, who) {
		return Ok(account_id(&signer(store, who)?));
	}
	bail!(
		"`{who}` is neither an SS58 address nor an account of the keystore ({})",
		store.root().display()
	)
}

const UNIT: u128 = 10u128.pow(TOKEN_DECIMALS as u32);

/// Parses an amount of CPC such as `12`, `0.5` or `1_000.000001` into plancks.
pub fn parse_amount(text: &str) -> Result<u128> {
	let clean: String = text.trim().chars().filter(|c| *c != '_').collect();
	let (whole, fraction) = clean.split_once('.').unwrap_or((&clean, ""));
	let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
	if !digits(whole) || (clean.contains('.') && !digits(fraction)) {
		bail!("`{text}` is not an amount of CPC (such as 12 or 0.5)");
	}
	if fraction.len() > TOKEN_DECIMALS as usize {
		bail!("`{text}` has more than {TOKEN_DECIMALS} decimals");
	}
	let fraction_plancks = format!("{fraction:0<width$}", width = TOKEN_DECIMALS as usize);
	let too_large = || anyhow!("`{text}` is too large");
	u128::from_str(whole)
		.map_err(|_| too_large())?
		.checked_mul(UNIT)
		.and_then(|p| p.checked_add(u128::from_str(&fraction_plancks).unwrap_or(0)))
		.ok_or_else(too_large)
}

/// Writes plancks as CPC, without trailing zeros: `1.5 CPC`.
pub fn format_amount(plancks: u128) -> String {
	let (whole, fraction) = (plancks / UNIT, plancks % UNIT);
	if fraction == 0 {
		return format!("{whole} CPC");
	}
	let fraction = format!("{fraction:0width$}", width = TOKEN_DECIMALS as usize);
	format!("{whole}.{} CPC", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_round_trip() {
		assert_eq!(parse_amount("1").unwrap(), UNIT);
		assert_eq!(parse_amount("0.5").unwrap(), UNIT / 2);
		assert_eq!(parse_amount("1_000.000000000001").unwrap(), 1000 * UNIT + 1);
		assert_eq!(format_amount(1000 * UNIT + 1), "1000.000000000001 CPC");
		assert_eq!(format_amount(UNIT / 2), "0.5 CPC");
		assert_eq!(format_amount(0), "0 CPC");
		for bad in [
			"",
			".",
			"1.",
			"-1",
			"1e3",
			"0.0000000000001",
			"1.2.3",
			"999999999999999999999999999999",
		] {
			assert!(parse_amount(bad).is_err(), "{bad}");
		}
	}

	#[test]
	fn dev_uris_and_phrases_give_the_known_accounts() {
		// Alice's well-known address.
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		assert_eq!(account_id(&keypair("//Alice").unwrap()).to_string(), alice);
		let dev = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
		assert_eq!(account_id(&keypair(&format!("{dev}//Alice")).unwrap()).to_string(), alice);
		let err = keypair("correct horse battery staple").err().unwrap().to_string();
		assert!(!err.contains("horse"), "{err}");
	}

	#[test]
	fn accounts_are_stored_and_resolved() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(Some(dir.path().into())).unwrap();
		let made = create(&store, "seller").unwrap();
		assert_eq!(made.secret.split(' ').count(), 12);
		let pair = signer(&store, "seller").unwrap();
		assert_eq!(account_id(&pair).to_string(), made.address);
		assert_eq!(resolve(&store, "seller").unwrap(), account_id(&pair));
		assert_eq!(resolve(&store, &made.address).unwrap(), account_id(&pair));
		assert!(resolve(&store, "nobody").is_err());
		assert!(import(&store, "seller", "//Bob").is_err(), "an existing name is not replaced");
	}
}
