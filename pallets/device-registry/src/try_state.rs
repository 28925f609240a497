//! Invariants of the device registry, checked by `try_state` on a live chain (try-runtime) and
//! after every unit test.

use crate::*;
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Every record agrees with the others. (Deposits are tickets of the runtime's choosing,
	/// opaque here: the mock checks them against its prices.)
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
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
			ensure!(MetadataOf::<T>::contains_key(id), "device without metadata");
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
		for id in MetadataOf::<T>::iter_keys() {
			ensure!(Devices::<T>::contains_key(id), "metadata of no device");
		}
		Ok(())
	}
}
