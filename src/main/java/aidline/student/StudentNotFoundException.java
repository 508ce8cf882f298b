package aidline.student;

/** No student with that 身份证号 or 学籍号 has been imported. */
public class StudentNotFoundException extends RuntimeException {
  public StudentNotFoundException(String message) {
    super(message);
  }
}
