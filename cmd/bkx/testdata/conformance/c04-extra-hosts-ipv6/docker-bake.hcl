target "app" { extra-hosts = { "v6host" = "::1", "v6b" = "fe80::1%eth0" } }
