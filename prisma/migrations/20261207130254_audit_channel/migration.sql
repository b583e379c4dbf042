-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "channel" TEXT;
