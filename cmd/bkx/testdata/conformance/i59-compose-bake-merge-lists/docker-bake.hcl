target "web" {
  args = { B = "bake", C = "bake" }
  labels = { L2 = "bake" }
  cache-from = ["type=registry,ref=bake/cache"]
  secret = ["id=s2,env=S2"]
  extra-hosts = { h2 = "2.2.2.2" }
  tags = ["acme/web:bake"]
}
target "other" {
  context = "."
}
