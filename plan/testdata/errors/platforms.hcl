# ARGS: app bad
builder "default" {
  driver = "remote"
  node "amd" {
    endpoint  = "tcp://127.0.0.1:1234"
    platforms = ["linux/amd64"]
  }
}
target "app" {
  platforms = ["linux/amd64", "linux/s390x"] # ERROR: No node builds linux/s390x
}
target "bad" {
  platforms = ["not a platform"] # ERROR: Invalid platform
}
