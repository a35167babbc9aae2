# ARGS: net insecure outside allowed
target "net" {
  network = "host" # ERROR: Entitlement not granted
}
target "insecure" {
  entitlements = ["security.insecure"] # ERROR: Entitlement not granted
}
target "outside" {
  context = "/etc" # ERROR: Path outside the working directory
  output  = ["type=local,dest=../out"] # ERROR: Path outside the working directory
  cache-from = ["type=local,src=/var/cache/bkx"] # ERROR: Path outside the working directory
}
target "allowed" {
  context = "sub/dir"
  output  = ["type=tar,dest=out.tar"]
}
