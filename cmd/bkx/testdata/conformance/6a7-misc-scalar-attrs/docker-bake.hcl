target "default" {
  shm-size = "128m"
  ulimits = ["nofile=1024:2048", "nproc=512"]
  network = "none"
  call = "outline"
  no-cache-filter = ["build", "test"]
  entitlements = ["security.insecure"]
  description = "desc ${1 + 1}"
}
