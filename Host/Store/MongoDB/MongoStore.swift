// The MongoDB store (libmongoc) is being written; see HostStore for the contract.
