target "app" { args = { SOURCE_DATE_EPOCH = "42" } }
