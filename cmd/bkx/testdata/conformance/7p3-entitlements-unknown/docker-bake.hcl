target "default" {
  entitlements = ["bogus.ent"]
}
