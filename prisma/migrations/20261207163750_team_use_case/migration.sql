-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "useCase" TEXT;
