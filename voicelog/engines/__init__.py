"""Speech engines as plugins: each owns its transcriber, wake-phrase spotter and account hearer."""
