variable "UNUSED" {
  default = ""
  validation {
    condition = UNUSED != ""
    error_message = "UNUSED is required."
  }
}
target "default" { tags = ["x"] }
