target "src" {
  shm-size = "128m"
  ulimits = ["nofile=1024:2048"]
  extra-hosts = { h = "1.2.3.4" }
  network = "none"
}
target "default" {
  shm-size = target.src.shm-size
  ulimits = target.src.ulimits
  extra-hosts = target.src.extra-hosts
  network = target.src.network
}
