//! What a director did, liked and rejected: working, episodic and long-term memory, and its
//! versioned, checksummed snapshot.
