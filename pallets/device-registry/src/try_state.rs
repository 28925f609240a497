//! Invariants of the device registry, checked by `try_state` on a live chain (try-runtime) and
//! after every unit test.

use crate::*;
use cpchain_pallet_support::holds::ExpectedHolds;
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

type Held<T> = ExpectedHolds<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// Every record agrees with the others and with the funds held for it.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut deposits = Held::<T>::default();
		for (id, info) in Devices::<T>::iter() {
			ensure!(OwnedDevices::<T>::contains_key(&info.owner, id), "device not its owner's");
			let key = Keys::<T>::get(info.key);
			ensure!(key.device == Some(id), "device key not recorded for the device");
			ensure!(
				key.revoked == (info.status == DeviceStatus::Revoked),
				"key revocation differs from the device's status"
			);
			ensure!(
				info.anchor.count <= info.anchor.sequence,
				"more anchors than sequence numbers"
			);
			deposits.add(info.owner, info.deposit);
		}
		for (owner, id, ()) in OwnedDevices::<T>::iter() {
			ensure!(
				Devices::<T>::get(id).is_some_and(|d| d.owner == owner),
				"OwnedDevices names a device of someone else"
			);
		}
		for (key, record) in Keys::<T>::iter() {
			if let Some(id) = record.device {
				ensure!(
					Devices::<T>::get(id).is_some_and(|d| d.key == key),
					"a key names a device that does not use it"
				);
			}
		}
		deposits.check::<T::Currency>(&HoldReason::DeviceDeposit.into())?;

		let mut gateways = Held::<T>::default();
		for (owner, _, deposit) in Gateways::<T>::iter() {
			gateways.add(owner, deposit);
		}
		gateways.check::<T::Currency>(&HoldReason::GatewayDeposit.into())
	}
}
