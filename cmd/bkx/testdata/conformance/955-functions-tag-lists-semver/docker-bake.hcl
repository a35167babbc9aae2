variable "VERSION" { default = "v1.2.3-rc.1+build.5" }
variable "IMAGES" { default = "acme/app,ghcr.io/acme/app" }
function "semver" {
  params = [v]
  result = regex("^v?(?P<major>[0-9]+)\\.(?P<minor>[0-9]+)\\.(?P<patch>[0-9]+)(?:-(?P<pre>[0-9A-Za-z.-]+))?(?:\\+(?P<build>[0-9A-Za-z.-]+))?$", v)
}
function "version_tags" {
  params = [v]
  result = semver(v).pre != null ? ["${semver(v).major}.${semver(v).minor}.${semver(v).patch}-${semver(v).pre}"] : [
    "${semver(v).major}",
    "${semver(v).major}.${semver(v).minor}",
    "${semver(v).major}.${semver(v).minor}.${semver(v).patch}",
    "latest",
  ]
}
function "image_tags" {
  params = [images, v]
  result = flatten([for i in split(",", images) : [for t in version_tags(v) : "${i}:${t}"]])
}
target "default" {
  tags = image_tags(IMAGES, VERSION)
  args = { BUILD_META = coalesce(semver(VERSION).build, "none") }
}
target "stable" {
  tags = image_tags(IMAGES, "2.0.1")
  args = { BUILD_META = coalesce(semver("2.0.1").build, "none") }
}
