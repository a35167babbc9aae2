target "app" { extra-hosts = { h = "1.2.3.4,::1" } }
