# ARGS: local pushed
builder "default" {
  driver = "remote"
  node "amd" {
    endpoint  = "tcp://127.0.0.1:1"
    platforms = ["linux/amd64"]
  }
  node "arm" {
    endpoint  = "tcp://127.0.0.1:2"
    platforms = ["linux/arm64"]
  }
}
target "local" {
  platforms = ["linux/amd64", "linux/arm64"]
  output    = ["type=local,dest=out"] # ERROR: Output needs one node
}
target "pushed" {
  platforms = ["linux/amd64", "linux/arm64"]
  output    = ["type=image,name=localhost:5000/x,push=true"]
}
