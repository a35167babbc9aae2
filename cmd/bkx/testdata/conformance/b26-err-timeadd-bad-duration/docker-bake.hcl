target "app" { args = { X = timeadd("2020-01-01T00:00:00Z", "1x") } }
