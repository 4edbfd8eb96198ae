"""The recording's side: the player panel (video, audio card), the transport bar, pairing."""
