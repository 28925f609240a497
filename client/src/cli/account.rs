//! `cpchain account`.

use std::io::Read;

use anyhow::{bail, Result};
use clap::Subcommand;
use cpchain_client::{
	account::{self, format_amount, parse_amount},
	chain::runtime,
	keystore::Kind,
};
use serde_json::json;
use subxt::utils::MultiAddress;
use zeroize::Zeroizing;

use super::Context;

#[derive(Subcommand)]
pub enum Command {
	/// Make an account with a fresh 12-word secret phrase.
	///
	/// The phrase is the account: write it down with `--show-secret`, or back up the keystore.
	New {
		/// Name in the keystore.
		name: String,
		/// Print the secret phrase too.
		#[arg(long)]
		show_secret: bool,
	},
	/// Import an account from a secret phrase or secret URI read from standard input.
	///
	/// Example: `echo //Alice | cpchain account import alice` on a development chain.
	Import {
		/// Name in the keystore.
		name: String,
	},
	/// List the keystore's accounts.
	List,
	/// Show an account's balance.
	Balance {
		/// Keystore name, SS58 address or dev URI (`//Alice`).
		who: String,
	},
	/// Transfer CPC, keeping the sender's account alive.
	Transfer {
		/// Sending account: keystore name or dev URI.
		#[arg(long)]
		from: String,
		/// Receiver: keystore name, SS58 address or dev URI.
		to: String,
		/// Amount in CPC, such as `12` or `0.5`.
		amount: String,
	},
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	match command {
		Command::New { name, show_secret } => {
			let file = account::create(&cx.keystore, &name)?;
			let secret = show_secret.then_some(file.secret.as_str());
			let mut text = format!("account `{name}`: {}", file.address);
			if let Some(secret) = secret {
				text += &format!("\nsecret phrase: {secret}");
			}
			cx.print(text, json!({ "name": name, "address": file.address, "secret": secret }));
		},
		Command::Import { name } => {
			let mut secret = Zeroizing::new(String::new());
			std::io::stdin().read_to_string(&mut secret)?;
			if secret.trim().is_empty() {
				bail!("no secret on standard input");
			}
			let file = account::import(&cx.keystore, &name, &secret)?;
			cx.print(
				format!("account `{name}`: {}", file.address),
				json!({ "name": name, "address": file.address }),
			);
		},
		Command::List => {
			let mut rows = Vec::new();
			for name in cx.keystore.names(Kind::Account)? {
				let file: account::AccountFile = cx.keystore.load(Kind::Account, &name)?;
				rows.push((name, file.address));
			}
			let text = if rows.is_empty() {
				format!("no accounts in {}", cx.keystore.root().display())
			} else {
				rows.iter().map(|(n, a)| format!("{n:<20} {a}")).collect::<Vec<_>>().join("\n")
			};
			let json: Vec<_> =
				rows.iter().map(|(n, a)| json!({ "name": n, "address": a })).collect();
			cx.print(text, json!({ "accounts": json }));
		},
		Command::Balance { who } => {
			let account = account::resolve(&cx.keystore, &who)?;
			let chain = cx.chain().await?;
			let at = chain.at().await?;
			let info = at
				.storage()
				.fetch(runtime::storage().system().account(), (account.clone(),))
				.await?
				.decode()?;
			let data = info.data;
			cx.print(
				format!(
					"{account}\n  free     {}\n  reserved {}\n  frozen   {}",
					format_amount(data.free),
					format_amount(data.reserved),
					format_amount(data.frozen)
				),
				json!({
					"address": account.to_string(),
					"free": data.free.to_string(),
					"reserved": data.reserved.to_string(),
					"frozen": data.frozen.to_string(),
					"nonce": info.nonce,
				}),
			);
		},
		Command::Transfer { from, to, amount } => {
			let value = parse_amount(&amount)?;
			let signer = account::signer(&cx.keystore, &from)?;
			let dest = account::resolve(&cx.keystore, &to)?;
			let chain = cx.chain().await?;
			let call =
				runtime::tx().balances().transfer_keep_alive(MultiAddress::Id(dest.clone()), value);
			let events = chain.submit(&call, &signer).await?;
			cx.print(
				format!(
					"sent {} to {dest} (extrinsic {:?})",
					format_amount(value),
					events.extrinsic_hash()
				),
				json!({ "to": dest.to_string(), "amount": value.to_string() }),
			);
		},
	}
	Ok(())
}
