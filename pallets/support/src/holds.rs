//! Plain holds (escrow, fees, stakes: funds a pallet moves or slashes, where a storage deposit
//! is a `Consideration`), and checking that the funds a pallet holds match its records, for
//! `try_state`.

use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	sp_runtime::{
		traits::{Saturating, Zero},
		DispatchError, TryRuntimeError,
	},
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
	},
};

/// Holds `amount` of `who`'s funds for `reason`. Nothing happens for zero, which would
/// otherwise leave an empty hold record on the account.
pub fn hold<A, C: MutateHold<A>>(
	reason: &C::Reason,
	who: &A,
	amount: C::Balance,
) -> Result<(), DispatchError> {
	if amount.is_zero() {
		return Ok(());
	}
	C::hold(reason, who, amount)
}

/// Releases exactly `amount` of what `who` has on hold for `reason`; nothing for zero.
pub fn release<A, C: MutateHold<A>>(
	reason: &C::Reason,
	who: &A,
	amount: C::Balance,
) -> Result<(), DispatchError> {
	if amount.is_zero() {
		return Ok(());
	}
	C::release(reason, who, amount, Precision::Exact).map(|_| ())
}

/// What each account should have on hold for one reason, summed from a pallet's records.
pub struct ExpectedHolds<AccountId, Balance>(BTreeMap<AccountId, Balance>);

impl<AccountId, Balance> Default for ExpectedHolds<AccountId, Balance> {
	fn default() -> Self {
		Self(BTreeMap::new())
	}
}

impl<AccountId: Ord, Balance: Saturating + Default + Copy + PartialEq>
	ExpectedHolds<AccountId, Balance>
{
	/// A record says `who` has `amount` on hold.
	pub fn add(&mut self, who: AccountId, amount: Balance) {
		let held = self.0.entry(who).or_default();
		*held = held.saturating_add(amount);
	}

	/// Every account named by a record has exactly the sum of its records on hold for `reason`.
	pub fn check<C: InspectHold<AccountId, Balance = Balance>>(
		self,
		reason: &C::Reason,
	) -> Result<(), TryRuntimeError> {
		for (who, amount) in self.0 {
			ensure!(
				C::balance_on_hold(reason, &who) == amount,
				"held funds differ from the records"
			);
		}
		Ok(())
	}
}
