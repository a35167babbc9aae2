target "_common" {
  cache-from = ["type=registry,ref=acme/cache:main"]
  cache-to = ["type=inline"]
  platforms = ["linux/amd64"]
}
target "a" { inherits = ["_common"] }
target "b" {
  inherits = ["_common"]
  cache-from = ["type=local,src=/tmp/c"]
}
group "default" { targets = ["a", "b"] }
