//! The lifecycle of a stake that backs a role (a storage provider, a re-encryption proxy):
//! active while it takes work, unbonding once it leaves, withdrawn after the unbonding period;
//! and slashes of it, split between whoever was wronged and the runtime's slash handler.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	sp_runtime::{traits::Saturating, Perbill},
	traits::{
		fungible::{self, hold::Balanced as HoldBalanced},
		Imbalance, OnUnbalanced,
	},
};
use scale_info::TypeInfo;

/// Whether a staked role takes new work.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum StakeStatus<BlockNumber> {
	/// Takes new work.
	Active,
	/// Left: takes no new work; the stake can be withdrawn from `unbonds_at`.
	Leaving { unbonds_at: BlockNumber },
}

/// Why a step of the lifecycle is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StakeError {
	/// The role is leaving already.
	Leaving,
	/// The role has not left.
	NotLeaving,
	/// The unbonding period is not over.
	UnbondingNotOver,
}

impl<BlockNumber: Copy + Ord + Saturating> StakeStatus<BlockNumber> {
	/// Whether the role takes new work.
	pub fn is_active(&self) -> bool {
		*self == Self::Active
	}

	/// Leaves at `now`: the stake unbonds `unbonding` blocks later, which is returned.
	pub fn leave(
		&mut self,
		now: BlockNumber,
		unbonding: BlockNumber,
	) -> Result<BlockNumber, StakeError> {
		if !self.is_active() {
			return Err(StakeError::Leaving);
		}
		let unbonds_at = now.saturating_add(unbonding);
		*self = Self::Leaving { unbonds_at };
		Ok(unbonds_at)
	}

	/// Whether the stake may be withdrawn at `now`.
	pub fn ensure_unbonded(&self, now: BlockNumber) -> Result<(), StakeError> {
		match self {
			Self::Active => Err(StakeError::NotLeaving),
			Self::Leaving { unbonds_at } if now < *unbonds_at => Err(StakeError::UnbondingNotOver),
			Self::Leaving { .. } => Ok(()),
		}
	}
}

/// Slashes up to `amount` of what `offender` has on hold for `reason`: `share` of it goes to
/// `beneficiary` (who was wronged), the rest to `Slash` (in CPChain, the treasury). Returns
/// what was slashed, less than `amount` if less was held.
pub fn slash<AccountId, C, Slash>(
	reason: &C::Reason,
	offender: &AccountId,
	amount: C::Balance,
	beneficiary: &AccountId,
	share: Perbill,
) -> C::Balance
where
	C: HoldBalanced<AccountId>,
	Slash: OnUnbalanced<fungible::Credit<AccountId, C>>,
{
	let (credit, _) = <C as HoldBalanced<AccountId>>::slash(reason, offender, amount);
	let slashed = credit.peek();
	let (compensation, rest) = credit.split(share * slashed);
	// A beneficiary that cannot take the credit (it would stay below the existential deposit)
	// leaves it to `Slash`.
	let rest = match C::resolve(beneficiary, compensation) {
		Ok(()) => rest,
		Err(compensation) => rest.merge(compensation),
	};
	Slash::on_unbalanced(rest);
	slashed
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_stake_leaves_once_and_unbonds_after_the_period() {
		let mut status = StakeStatus::<u32>::Active;
		assert_eq!(status.ensure_unbonded(100), Err(StakeError::NotLeaving));
		assert_eq!(status.leave(10, 5), Ok(15));
		assert!(!status.is_active());
		assert_eq!(status.leave(11, 5), Err(StakeError::Leaving));
		assert_eq!(status, StakeStatus::Leaving { unbonds_at: 15 });
		assert_eq!(status.ensure_unbonded(14), Err(StakeError::UnbondingNotOver));
		assert_eq!(status.ensure_unbonded(15), Ok(()));
		assert_eq!(
			StakeStatus::Leaving { unbonds_at: u32::MAX - 1 }.leave(u32::MAX, 9),
			Err(StakeError::Leaving)
		);
		assert_eq!(StakeStatus::<u32>::Active.leave(u32::MAX - 1, 9), Ok(u32::MAX));
	}
}
