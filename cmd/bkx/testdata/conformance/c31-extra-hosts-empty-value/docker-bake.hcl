target "app" { extra-hosts = { h = "" } }
